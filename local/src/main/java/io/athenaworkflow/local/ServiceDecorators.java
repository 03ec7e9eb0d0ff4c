package io.athenaworkflow.local;

import io.athenaworkflow.local.edge.AwsJsonService;
import io.athenaworkflow.local.s3.ObjectStore;
import jakarta.servlet.http.HttpServlet;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Wrappers {@link LocalAws} puts around its services before serving them (fault injection, recording); each returns
 * the service itself by default.
 *
 * @param athena wraps the Athena JSON API served on the edge port
 * @param s3 wraps the S3 REST servlet served on the edge port
 * @param athenaStore wraps the object store through which the local Athena (and its SQL engine) writes to S3
 */
public record ServiceDecorators(UnaryOperator<AwsJsonService> athena, UnaryOperator<HttpServlet> s3,
                                UnaryOperator<ObjectStore> athenaStore) {

    public ServiceDecorators {
        Objects.requireNonNull(athena, "athena");
        Objects.requireNonNull(s3, "s3");
        Objects.requireNonNull(athenaStore, "athenaStore");
    }

    /** Every service as it is. */
    public static ServiceDecorators none() {
        return new ServiceDecorators(UnaryOperator.identity(), UnaryOperator.identity(), UnaryOperator.identity());
    }
}
