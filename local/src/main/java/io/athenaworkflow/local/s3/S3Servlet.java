package io.athenaworkflow.local.s3;

import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * The S3 REST endpoint: S3Proxy's own servlet (which maps every blob-store failure to S3's error XML), behind the
 * checks S3Proxy does not make as S3 does ({@code x-amz-expected-bucket-owner}, bucket naming rules), with request
 * parameters read from the query string only and ListObjectsV2 answers echoing only what the request sent.
 */
final class S3Servlet extends HttpServlet {

    private static final String EXPECTED_OWNER = "x-amz-expected-bucket-owner";
    private static final String EXPECTED_SOURCE_OWNER = "x-amz-source-expected-bucket-owner";

    private final HttpServlet s3Proxy;
    private final UnaryOperator<String> ownerOfBucket;
    private final UploadRecords uploads;

    /** The store's record of an open multipart upload (bucket, key, upload id), or null. */
    @FunctionalInterface
    interface UploadRecords {
        HeadObjectResponse find(String bucket, String key, String uploadId);
    }

    S3Servlet(HttpServlet s3Proxy, UnaryOperator<String> ownerOfBucket, UploadRecords uploads) {
        this.s3Proxy = s3Proxy;
        this.ownerOfBucket = ownerOfBucket;
        this.uploads = uploads;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        s3Proxy.init(config);
    }

    @Override
    protected void service(HttpServletRequest servletRequest, HttpServletResponse response)
            throws ServletException, IOException {
        HttpServletRequest request = new QueryStringParameters(servletRequest);
        if (!ownedBy(request.getHeader(EXPECTED_OWNER), bucketOf(request.getRequestURI()))
                || !ownedBy(request.getHeader(EXPECTED_SOURCE_OWNER), bucketOf(copySource(request)))) {
            S3Error.ACCESS_DENIED.send(request.getMethod(), request.getRequestURI(), response);
            return;
        }
        if (isCreateBucket(request) && !BucketNames.isValid(bucketOf(request.getRequestURI()))) {
            S3Error.INVALID_BUCKET_NAME.send(request.getMethod(), request.getRequestURI(), response);
            return;
        }
        if (ListObjectsV2Echo.applies(request)) {
            ListObjectsV2Echo listing = ListObjectsV2Echo.wrap(request, response);
            s3Proxy.service(request, listing);
            listing.finish();
        } else {
            s3Proxy.service(request, completionOf(request, response));
        }
        // S3Proxy may answer before reading an aws-chunked body to its end (the trailing checksum). Unread bytes make
        // Jetty close the connection while the client is still writing; the SDK then retries a PUT that was already
        // stored, and every such upload would raise two object-created events. Read the body to its end.
        request.getInputStream().transferTo(OutputStream.nullOutputStream());
    }

    @Override
    public void destroy() {
        s3Proxy.destroy();
        super.destroy();
    }

    private boolean ownedBy(String expectedOwner, String bucket) {
        return expectedOwner == null || expectedOwner.equals(ownerOfBucket.apply(bucket));
    }

    /** The bucket of a path-style URI or copy source ({@code /bucket/key} or {@code bucket/key}). */
    private static String bucketOf(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        return URLDecoder.decode(slash < 0 ? trimmed : trimmed.substring(0, slash), StandardCharsets.UTF_8);
    }

    private static String copySource(HttpServletRequest request) {
        String source = request.getHeader("x-amz-copy-source");
        return source == null ? "" : source;
    }

    /** For CompleteMultipartUpload of a known upload, the response that echoes the upload's encryption. */
    private HttpServletResponse completionOf(HttpServletRequest request, HttpServletResponse response) {
        String uploadId = request.getParameter("uploadId");
        if (!"POST".equals(request.getMethod()) || uploadId == null) {
            return response;
        }
        String path = request.getRequestURI().startsWith("/") ? request.getRequestURI().substring(1)
                : request.getRequestURI();
        int slash = path.indexOf('/');
        if (slash < 0) {
            return response;
        }
        HeadObjectResponse upload = uploads.find(bucketOf(path),
                URLDecoder.decode(path.substring(slash + 1).replace("+", "%2B"), StandardCharsets.UTF_8), uploadId);
        return upload == null ? response : new CompletionEncryptionHeaders(response, upload);
    }

    /** CreateBucket: a PUT on {@code /bucket} with no sub-resource in the query string. */
    private static boolean isCreateBucket(HttpServletRequest request) {
        String path = request.getRequestURI();
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        return "PUT".equals(request.getMethod()) && !trimmed.isEmpty()
                && (slash < 0 || slash == trimmed.length() - 1)
                && (request.getQueryString() == null || request.getQueryString().isEmpty());
    }
}
