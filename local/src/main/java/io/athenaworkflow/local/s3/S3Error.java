package io.athenaworkflow.local.s3;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * The S3 errors the runtime raises itself, in front of S3Proxy (its own checks) or instead of Jetty (requests the
 * HTTP layer refuses): code, HTTP status and S3's message, rendered as S3's error document. Codes and messages are
 * S3's (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
 */
public enum S3Error {
    ACCESS_DENIED(403, "AccessDenied", "Access Denied"),
    ENTITY_TOO_LARGE(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed object size."),
    INTERNAL_ERROR(500, "InternalError", "We encountered an internal error. Please try again."),
    INVALID_BUCKET_NAME(400, "InvalidBucketName", "The specified bucket is not valid."),
    INVALID_REQUEST(400, "InvalidRequest", "The request is not valid."),
    INVALID_URI(400, "InvalidURI", "Couldn't parse the specified URI."),
    METHOD_NOT_ALLOWED(405, "MethodNotAllowed", "The specified method is not allowed against this resource."),
    MISSING_CONTENT_LENGTH(411, "MissingContentLength", "You must provide the Content-Length HTTP header."),
    NOT_IMPLEMENTED(501, "NotImplemented",
            "A header you provided implies functionality that is not implemented."),
    REQUEST_HEADER_SECTION_TOO_LARGE(400, "RequestHeaderSectionTooLarge",
            "Your request header section exceeds the maximum allowed size."),
    SERVICE_UNAVAILABLE(503, "ServiceUnavailable", "Service is unable to handle request.");

    private final int status;
    private final String code;
    private final String message;

    S3Error(int status, String code, String message) {
        this.status = status;
        this.code = code;
        this.message = message;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** A fresh request id in S3's shape (16 upper-case hex digits). */
    public static String newRequestId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
    }

    /** S3's error document: Code, Message, Resource (the request path) and RequestId. */
    public byte[] document(String resource, String requestId) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + escape(message) + "</Message><Resource>" + escape(resource) + "</Resource><RequestId>"
                + requestId + "</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
    }

    /** Answers with this error (no body for HEAD, as S3). */
    void send(String method, String resource, HttpServletResponse response) throws IOException {
        String requestId = newRequestId();
        response.setStatus(status);
        response.setHeader("x-amz-request-id", requestId);
        if ("HEAD".equals(method)) {
            return;
        }
        byte[] body = document(resource, requestId);
        response.setContentType("application/xml");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    // XML 1.0 cannot carry most control characters, even escaped.
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
