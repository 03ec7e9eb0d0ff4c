package io.athenaworkflow.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AthenaLocalTest {

    @Test
    void help_whenAsked_listsTheFourCommandsOnStdout() {
        Cli.Result result = Cli.run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: athena-local ")
                .containsPattern("\\n  demo ").containsPattern("\\n  up ").containsPattern("\\n  run ")
                .containsPattern("\\n  exec ");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void help_whenAskedForACommand_describesItsOptions() {
        Cli.Result result = Cli.run("exec", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("Usage: athena-local exec ").contains("--definition=FILE", "--history",
                "--real-clock", "--input=JSON|@FILE");
    }

    @Test
    void version_whenAsked_namesTheToolAndTheJavaRuntime() {
        Cli.Result result = Cli.run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("athena-local ").contains("\nJava " + Runtime.version());
    }

    @Test
    void main_whenNoCommandIsGiven_isAUsageError() {
        Cli.Result result = Cli.run();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("Missing command: choose one of demo, up, run, exec").contains("Usage:");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void main_whenCommandOrOptionIsUnknown_isAUsageError() {
        Cli.Result unknownCommand = Cli.run("deploy");
        Cli.Result unknownOption = Cli.run("up", "--prot", "1");

        assertThat(unknownCommand.exitCode()).isEqualTo(2);
        assertThat(unknownCommand.err()).contains("Unmatched argument at index 0: 'deploy'");
        assertThat(unknownOption.exitCode()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("Unknown options: '--prot', '1'");
    }
}
