package io.athenaworkflow.local.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the runtime jar's Implementation-Version and the Java runtime it runs on. */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = AthenaLocal.class.getPackage().getImplementationVersion();
        return new String[] {
            "athena-local " + (version == null ? "(development build)" : version),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ", "
                    + System.getProperty("java.vendor") + ")"
        };
    }
}
