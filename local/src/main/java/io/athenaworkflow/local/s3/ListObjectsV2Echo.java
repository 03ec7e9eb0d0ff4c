package io.athenaworkflow.local.s3;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * ListObjectsV2 answers echo {@code ContinuationToken} and {@code StartAfter} only when the request sent them, as S3
 * does; S3Proxy writes them as empty elements always. The listing is buffered (at most 1000 keys) and the two empty
 * elements are dropped when the request did not send the parameter. An element S3Proxy writes empty can never be
 * confused with data: keys and tokens are escaped, so {@code <StartAfter/>} only ever appears as markup.
 */
final class ListObjectsV2Echo extends HttpServletResponseWrapper {

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final boolean sentContinuationToken;
    private final boolean sentStartAfter;
    private ServletOutputStream stream;
    private PrintWriter writer;
    private boolean errorSent;

    private ListObjectsV2Echo(HttpServletResponse response, boolean sentContinuationToken, boolean sentStartAfter) {
        super(response);
        this.sentContinuationToken = sentContinuationToken;
        this.sentStartAfter = sentStartAfter;
    }

    /** Whether {@code request} is a ListObjectsV2 (GET on a bucket with {@code list-type=2}). */
    static boolean applies(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) && "2".equals(request.getParameter("list-type"));
    }

    static ListObjectsV2Echo wrap(HttpServletRequest request, HttpServletResponse response) {
        return new ListObjectsV2Echo(response, request.getParameter("continuation-token") != null,
                request.getParameter("start-after") != null);
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (stream == null) {
            stream = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    body.write(bytes, offset, length);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException("the listing is buffered; no asynchronous writes");
                }
            };
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() {
        if (writer == null) {
            writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), StandardCharsets.UTF_8));
        }
        return writer;
    }

    // The length is set once the body is final.
    @Override
    public void setContentLength(int length) {
    }

    @Override
    public void setContentLengthLong(long length) {
    }

    @Override
    public void flushBuffer() {
    }

    @Override
    public boolean isCommitted() {
        return false;
    }

    @Override
    public void resetBuffer() {
        body.reset();
    }

    @Override
    public void reset() {
        super.reset();
        body.reset();
    }

    // An error is rendered by the error handler straight to the client: nothing left to write.
    @Override
    public void sendError(int status, String message) throws IOException {
        errorSent = true;
        super.sendError(status, message);
    }

    @Override
    public void sendError(int status) throws IOException {
        errorSent = true;
        super.sendError(status);
    }

    /** Writes the (edited) listing to the client. */
    void finish() throws IOException {
        if (errorSent) {
            return;
        }
        if (writer != null) {
            writer.flush();
        }
        HttpServletResponse response = (HttpServletResponse) getResponse();
        byte[] bytes = body.toByteArray();
        if (getStatus() == HttpServletResponse.SC_OK) {
            String xml = new String(bytes, StandardCharsets.UTF_8);
            if (!sentContinuationToken) {
                xml = xml.replace("<ContinuationToken/>", "").replace("<ContinuationToken></ContinuationToken>", "");
            }
            if (!sentStartAfter) {
                xml = xml.replace("<StartAfter/>", "").replace("<StartAfter></StartAfter>", "");
            }
            bytes = xml.getBytes(StandardCharsets.UTF_8);
        }
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
