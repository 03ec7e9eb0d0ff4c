package io.athenaworkflow.local;

import io.athenaworkflow.local.athena.AthenaCatalog;
import io.athenaworkflow.local.athena.AthenaConfig;
import io.athenaworkflow.local.athena.AthenaService;
import io.athenaworkflow.local.athena.engine.SqlEngine;
import io.athenaworkflow.local.clock.RuntimeClock;
import io.athenaworkflow.local.edge.AwsJsonService;
import io.athenaworkflow.local.edge.EdgeConfig;
import io.athenaworkflow.local.edge.EdgeServer;
import io.athenaworkflow.local.s3.LocalS3;
import io.athenaworkflow.local.s3.LocalS3Config;
import io.athenaworkflow.local.s3.ObjectStore;
import io.athenaworkflow.local.s3.S3Events;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * S3, Athena and the edge server started together: one endpoint ({@link #endpoint()}) that any AWS SDK or the AWS
 * CLI can use with any credentials. Other services (Step Functions, EventBridge) plug in through
 * {@link #register(AwsJsonService)} and {@link #s3Events()}.
 */
public final class LocalAws implements AutoCloseable {

    private final LocalAwsConfig config;
    private final LocalS3 s3;
    private final SqlEngine engine;
    private final AthenaService athena;
    private final EdgeServer edge;

    private LocalAws(LocalAwsConfig config, LocalS3 s3, SqlEngine engine, AthenaService athena, EdgeServer edge) {
        this.config = config;
        this.s3 = s3;
        this.engine = engine;
        this.athena = athena;
        this.edge = edge;
    }

    /**
     * Starts the services. On failure everything started so far is closed again.
     *
     * @throws io.athenaworkflow.local.s3.S3StartException when the data directory cannot be used
     * @throws io.athenaworkflow.local.edge.EdgeStartException when the port cannot be bound
     */
    public static LocalAws start(LocalAwsConfig config, SqlEngineFactory engines) {
        return start(config, engines, ServiceDecorators.none());
    }

    /**
     * Starts the services, each wrapped as {@code decorators} say (e.g. to inject faults). {@link #athena()} stays
     * the undecorated service.
     */
    public static LocalAws start(LocalAwsConfig config, SqlEngineFactory engines, ServiceDecorators decorators) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(engines, "engines");
        Objects.requireNonNull(decorators, "decorators");
        List<AutoCloseable> started = new ArrayList<>();
        try {
            LocalS3 s3 = LocalS3.start(new LocalS3Config(
                    config.dataDir() == null ? null : config.dataDir().resolve("s3"), config.accountId(),
                    config.clock(), config.region()));
            started.add(s3);
            s3.createBucket(config.athenaResultsBucket());
            ObjectStore athenaStore = decorators.athenaStore().apply(s3);
            // The edge (serving S3) opens first: an engine that reads S3 over HTTP needs its endpoint.
            EdgeServer edge = EdgeServer.start(new EdgeConfig(config.port()), decorators.s3().apply(s3.servlet()));
            started.add(edge);
            SqlEngine engine = Objects.requireNonNull(engines.create(athenaStore, edge.endpoint()),
                    "the SqlEngineFactory returned null");
            started.add(engine);
            AthenaCatalog catalog = engine instanceof AthenaCatalog c ? c : AthenaCatalog.empty();
            AthenaService athena = AthenaService.create(
                    new AthenaConfig(config.accountId(), config.region(), "s3://" + config.athenaResultsBucket() + "/",
                            config.athenaConcurrencyQuota(), config.minimumQueryDuration(),
                            AthenaConfig.DEFAULT_TOKEN_RETENTION),
                    engine, catalog, athenaStore, config.clock());
            started.add(athena);
            edge.register(decorators.athena().apply(athena));
            return new LocalAws(config, s3, engine, athena, edge);
        } catch (RuntimeException e) {
            for (AutoCloseable closeable : started.reversed()) {
                try {
                    closeable.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return edge.endpoint();
    }

    public int port() {
        return edge.port();
    }

    public LocalAwsConfig config() {
        return config;
    }

    public RuntimeClock clock() {
        return config.clock();
    }

    /** In-process access to S3 objects. */
    public ObjectStore objectStore() {
        return s3;
    }

    /** Object-created notifications (for EventBridge). */
    public S3Events s3Events() {
        return s3;
    }

    /** The local S3 itself (bucket creation, its data directory). */
    public LocalS3 s3() {
        return s3;
    }

    public AthenaService athena() {
        return athena;
    }

    /** Serves another AWS JSON protocol service (e.g. Step Functions) on the edge port. */
    public void register(AwsJsonService service) {
        edge.register(service);
    }

    public void unregister(AwsJsonService service) {
        edge.unregister(service);
    }

    /** Stops the edge server, Athena, the SQL engine and S3 (a transient store deletes its data). */
    @Override
    public void close() {
        edge.close();
        athena.close();
        engine.close();
        s3.close();
    }
}
