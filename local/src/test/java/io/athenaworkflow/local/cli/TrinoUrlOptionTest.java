package io.athenaworkflow.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** {@code --trino-url}'s errors as the CLI reports them (the happy path: {@code ExternalTrinoTest}). */
class TrinoUrlOptionTest {

    @Test
    void up_whenTrinoUrlIsIllFormed_isAUsageError() {
        Cli.Result result = Cli.run("up", "--port", "0", "--trino-url", "127.0.0.1:8080");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("--trino-url: Invalid Trino URL '127.0.0.1:8080': the scheme must be http"
                + " or https; give the coordinator's address, e.g. http://127.0.0.1:8080");
    }

    @Test
    void up_whenNothingListensAtTrinoUrl_failsWithCannotReachAndExitsOne() throws IOException {
        String url = "http://127.0.0.1:" + closedPort();

        Cli.Result result = Cli.run("up", "--port", "0", "--trino-url", url);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).startsWith("athena-local up: Cannot reach the Trino server at " + url + " (")
                .contains("): start it, or fix --trino-url");
    }

    @Test
    void run_whenTrinoUrlMeetsEndpoint_isAUsageError() {
        Cli.Result result = Cli.run("run", "--sql", "SELECT 1", "--endpoint", "http://127.0.0.1:4566",
                "--trino-url", "http://127.0.0.1:8080");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("(so does --trino-url): they do not go with --endpoint");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
