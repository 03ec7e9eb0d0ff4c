package io.athenaworkflow.local.edge;

/**
 * The edge server's listening port on 127.0.0.1.
 *
 * @param port 0 picks a free port (tests); {@link #DEFAULT_PORT} is LocalStack's convention
 */
public record EdgeConfig(int port) {

    public static final int DEFAULT_PORT = 4566;

    public EdgeConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
    }

    public static EdgeConfig onPort(int port) {
        return new EdgeConfig(port);
    }

    /** A free port chosen by the operating system. */
    public static EdgeConfig anyFreePort() {
        return new EdgeConfig(0);
    }
}
