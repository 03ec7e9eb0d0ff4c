package io.athenaworkflow.local.cli;

import io.athenaworkflow.local.LocalAwsConfig;
import io.athenaworkflow.local.LocalRuntime;
import io.athenaworkflow.local.LocalRuntimeConfig;
import java.nio.file.Path;
import java.util.Map;

/** Starts the embedded runtime with the project's template and functions jar, as the commands configure it. */
final class Runtimes {

    private Runtimes() {
    }

    /**
     * @param port the edge port (0: any free port)
     * @param dataDir where S3 objects and the catalog persist, or null for a transient store
     * @param parameters template parameter overrides
     */
    static LocalRuntime start(int port, Path dataDir, Map<String, String> parameters) {
        ProjectLocation project = ProjectLocation.locate();
        LocalAwsConfig aws = dataDir == null ? LocalAwsConfig.transientOnAnyPort().withPort(port)
                : LocalAwsConfig.persistent(dataDir.toAbsolutePath()).withPort(port);
        LocalRuntimeConfig config = LocalRuntimeConfig.of(project.projectRoot(), project.functionsJar()).withAws(aws);
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            config = config.withParameter(parameter.getKey(), parameter.getValue());
        }
        return LocalRuntime.start(config);
    }
}
