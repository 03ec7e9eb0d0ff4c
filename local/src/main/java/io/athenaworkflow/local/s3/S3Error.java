package io.athenaworkflow.local.s3;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The S3 errors the runtime raises itself, in front of S3Proxy (its own checks, injected faults) or instead of Jetty
 * (requests the HTTP layer refuses): code, HTTP status and S3's message, rendered as S3's error document. Codes and
 * messages are S3's (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html). S3 documents no
 * {@code Retry-After} header for any of them, so none is sent.
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
    /** 503: S3 cannot handle the request now. */
    SERVICE_UNAVAILABLE(503, "ServiceUnavailable", "Service is unable to handle request."),
    /** 503: the request rate is too high for the prefix. */
    SLOW_DOWN(503, "SlowDown", "Please reduce your request rate.");

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

    /** S3's error code, e.g. {@code SlowDown}. */
    public String code() {
        return code;
    }

    public String message() {
        return message;
    }

    /** A fresh request id in S3's shape (16 upper-case hex digits). */
    public static String newRequestId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
    }

    /** A fresh host id in S3's shape (base64 of 48 random bytes), sent as {@code x-amz-id-2} and {@code HostId}. */
    public static String newHostId() {
        byte[] bytes = new byte[48];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** S3's error document: Code, Message, Resource (the request path), RequestId and HostId. */
    public byte[] document(String resource, String requestId, String hostId) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + escape(message) + "</Message><Resource>" + escape(resource) + "</Resource><RequestId>"
                + requestId + "</RequestId><HostId>" + hostId + "</HostId></Error>").getBytes(StandardCharsets.UTF_8);
    }

    /** Answers with this error; a HEAD gets the status and headers only, as S3 answers it. */
    public void send(String method, String resource, HttpServletResponse response) throws IOException {
        String requestId = newRequestId();
        String hostId = newHostId();
        response.setStatus(status);
        response.setHeader("x-amz-request-id", requestId);
        response.setHeader("x-amz-id-2", hostId);
        response.setContentType("application/xml");
        if ("HEAD".equals(method)) {
            response.setContentLength(0);
            return;
        }
        byte[] body = document(resource, requestId, hostId);
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
