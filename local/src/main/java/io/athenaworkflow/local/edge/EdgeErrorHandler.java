package io.athenaworkflow.local.edge;

import io.athenaworkflow.local.s3.S3Error;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers every error Jetty raises on its own in the service's own format, never with Jetty's HTML page: requests
 * the HTTP parser refuses (a bad URI, an {@code Expect} it cannot meet, an oversized header section), and
 * {@code sendError} or an exception escaping a servlet (S3Proxy answers an {@code IllegalArgumentException} that
 * way). S3 requests get S3's XML error document with S3's code and status; AWS JSON requests (with
 * {@code X-Amz-Target}) get a JSON error body. S3Proxy's own server installs the same kind of handler
 * ({@code S3ErrorHandler}); this one also maps the status to S3's (a 417 becomes S3's 400 InvalidRequest).
 */
final class EdgeErrorHandler extends ErrorHandler {

    // The method Jetty gives the request it synthesizes when the parser failed before reading a request line.
    private static final String BAD_MESSAGE_METHOD = "BAD";

    // Jetty writes an error page only for GET and POST by default; an S3 client parses one whatever it asked for.
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        String target = request.getHeaders().get("X-Amz-Target");
        byte[] body;
        if (target != null) {
            // What an AWS JSON service answers for a request it cannot parse, or for its own failure.
            String type = code >= 500 ? "InternalFailure" : "SerializationException";
            body = ("{\"__type\":\"" + type + "\"}").getBytes(StandardCharsets.UTF_8);
            response.setStatus(code >= 500 ? 500 : 400);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-amz-json-1.1");
            response.getHeaders().put("x-amzn-ErrorType", type);
        } else {
            S3Error error = s3Error(request, code);
            String requestId = S3Error.newRequestId();
            String hostId = S3Error.newHostId();
            body = error.document(request.getHttpURI().getPath() == null ? "/" : request.getHttpURI().getPath(),
                    requestId, hostId);
            response.setStatus(error.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/xml");
            response.getHeaders().put("x-amz-request-id", requestId);
            response.getHeaders().put("x-amz-id-2", hostId);
        }
        // The parser may have refused bytes that are still on the wire: close rather than read another request
        // from them (S3 closes too).
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** S3's error for a status Jetty chose; S3 answers most refusals of a request's form with 400. */
    private static S3Error s3Error(Request request, int code) {
        return switch (code) {
            case 400 -> isUriFailure(request) ? S3Error.INVALID_URI : S3Error.INVALID_REQUEST;
            case 405 -> S3Error.METHOD_NOT_ALLOWED;
            case 411 -> S3Error.MISSING_CONTENT_LENGTH;
            case 413 -> S3Error.ENTITY_TOO_LARGE;
            case 414 -> S3Error.INVALID_URI;
            case 431 -> S3Error.REQUEST_HEADER_SECTION_TOO_LARGE;
            case 501 -> S3Error.NOT_IMPLEMENTED;
            case 503 -> S3Error.SERVICE_UNAVAILABLE;
            default -> code >= 500 ? S3Error.INTERNAL_ERROR : S3Error.INVALID_REQUEST;
        };
    }

    // The URI is what Jetty refused: the parser gave up before the request line, or the URI broke a rule the
    // configured compliance does not waive.
    private static boolean isUriFailure(Request request) {
        if (BAD_MESSAGE_METHOD.equals(request.getMethod())) {
            return true;
        }
        UriCompliance compliance = request.getConnectionMetaData().getHttpConfiguration().getUriCompliance();
        return request.getHttpURI().getViolations().stream().anyMatch(violation -> !compliance.allows(violation));
    }
}
