package io.athenaworkflow.local.edge;

import jakarta.servlet.http.HttpServlet;
import java.net.URI;
import java.util.Objects;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The one HTTP endpoint of the local runtime, on 127.0.0.1 only: requests carrying {@code X-Amz-Target} go to the
 * registered {@link AwsJsonService} for that target's prefix (Athena, Step Functions, ...), a browser's requests for
 * {@code /console/} to the local Step Functions console, every other request to S3. Any AWS SDK or the AWS CLI
 * works against {@link #endpoint()}.
 */
public final class EdgeServer implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final Server server;
    private final ServerConnector connector;
    private final EdgeServlet servlet;

    private EdgeServer(Server server, ServerConnector connector, EdgeServlet servlet) {
        this.server = server;
        this.connector = connector;
        this.servlet = servlet;
    }

    /**
     * Starts listening.
     *
     * @param s3 answers every request without {@code X-Amz-Target}
     * @throws EdgeStartException when the port cannot be bound
     */
    public static EdgeServer start(EdgeConfig config, HttpServlet s3) {
        Objects.requireNonNull(s3, "s3");
        QueuedThreadPool threads = new QueuedThreadPool(200, 4);
        threads.setName("edge");
        threads.setDaemon(true);
        Server server = new Server(threads);
        // S3 clients send what strict HTTP/URI parsing rejects (S3Proxy's own server relaxes the same settings).
        HttpConfiguration http = new HttpConfiguration();
        http.setHttpCompliance(HttpCompliance.LEGACY);
        http.setUriCompliance(UriCompliance.LEGACY);
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(HOST);
        connector.setPort(config.port());
        server.addConnector(connector);
        EdgeServlet servlet = new EdgeServlet(s3);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.getServletHandler().setDecodeAmbiguousURIs(true);
        context.addServlet(new ServletHolder(servlet), "/*");
        server.setHandler(context);
        server.setErrorHandler(new EdgeErrorHandler());
        server.setStopTimeout(0);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw new EdgeStartException("cannot listen on " + HOST + ":" + config.port() + " (" + e.getMessage()
                    + "); is another runtime already using that port? Choose another with --port.", e);
        }
        return new EdgeServer(server, connector, servlet);
    }

    /** Routes requests whose {@code X-Amz-Target} starts with {@code service.targetPrefix()} to {@code service}. */
    public void register(AwsJsonService service) {
        servlet.register(Objects.requireNonNull(service, "service"));
    }

    public void unregister(AwsJsonService service) {
        servlet.unregister(service);
    }

    /** The port actually bound. */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://127.0.0.1:<port>}: the endpoint URL for SDKs and the CLI. */
    public URI endpoint() {
        return URI.create("http://" + HOST + ":" + port());
    }

    @Override
    public void close() {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            System.getLogger(EdgeServer.class.getName()).log(System.Logger.Level.WARNING, "edge server stop failed", e);
        }
    }
}
