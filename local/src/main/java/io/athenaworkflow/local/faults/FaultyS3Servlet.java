package io.athenaworkflow.local.faults;

import io.athenaworkflow.local.s3.S3Error;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * In front of the S3 REST servlet: a request a fault selects is answered with S3's error XML and status and never
 * reaches S3 (nothing is stored, read or deleted). Requests are path-style ({@code /bucket/key}), as the local
 * endpoint (an IP address) makes every SDK send them.
 */
final class FaultyS3Servlet extends HttpServlet {

    private final HttpServlet s3;
    private final Faults faults;

    FaultyS3Servlet(HttpServlet s3, Faults faults) {
        this.s3 = s3;
        this.faults = faults;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        s3.init(config);
    }

    @Override
    public void destroy() {
        s3.destroy();
        super.destroy();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        S3Method method;
        try {
            method = S3Method.valueOf(request.getMethod().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException notS3) {
            s3.service(request, response);
            return;
        }
        String path = decodePath(request.getRequestURI());
        String bucketAndKey = path.startsWith("/") ? path.substring(1) : path;
        int slash = bucketAndKey.indexOf('/');
        String bucket = slash < 0 ? bucketAndKey : bucketAndKey.substring(0, slash);
        String key = slash < 0 ? "" : bucketAndKey.substring(slash + 1);
        Optional<S3Fault> fault = bucket.isEmpty() ? Optional.empty() : faults.s3Fault(method, bucket, key);
        if (fault.isEmpty()) {
            s3.service(request, response);
            return;
        }
        // Read an upload to its end first: a server closing while the client still writes would look like a network
        // failure, not like S3's answer.
        request.getInputStream().transferTo(OutputStream.nullOutputStream());
        fault.get().error().send(request.getMethod(), "/" + bucket + (key.isEmpty() ? "" : "/" + key), response);
    }


    /** Percent-decodes a request path ('+' stays '+': it is form encoding, not path encoding). */
    static String decodePath(String rawPath) {
        if (rawPath.indexOf('%') < 0) {
            return rawPath;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(rawPath.length());
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '%' && i + 2 < rawPath.length() && isHex(rawPath.charAt(i + 1)) && isHex(rawPath.charAt(i + 2))) {
                bytes.write(Integer.parseInt(rawPath.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
