package io.athenaworkflow.local.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code athena-local}: the athena-workflow template on the embedded local runtime, from the command line.
 * {@code demo}, {@code up}, {@code run} and {@code exec}; results on standard output, progress and messages on
 * standard error; usage errors exit with 2.
 */
@Command(name = "athena-local", mixinStandardHelpOptions = true, versionProvider = Version.class,
        modelTransformer = AthenaLocal.NoAtFiles.class,
        subcommands = {DemoCommand.class, UpCommand.class, RunCommand.class, ExecCommand.class,
                CommandLine.HelpCommand.class},
        description = {"The athena-workflow SAM application (template.yaml, its state machine and Lambda functions) on"
                + " an embedded local runtime: S3, Athena, Lambda, EventBridge and Step Functions on one"
                + " 127.0.0.1 port, offline, in one JVM (Athena's SQL engine, Trino, in a child JVM)."},
        footer = {"", "Results go to standard output; progress and messages to standard error."})
public final class AthenaLocal implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new AthenaLocal()).execute(args));
    }

    /**
     * Options take {@code @FILE} values ({@code --input @request.json}): picocli must not expand them as argument
     * files first.
     */
    static final class NoAtFiles implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            spec.parser().expandAtFiles(false);
            return spec;
        }
    }

    /** Without a command: a usage error. */
    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing command: choose one of demo, up, run, exec");
    }
}
