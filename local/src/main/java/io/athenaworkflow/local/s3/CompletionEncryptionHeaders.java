package io.athenaworkflow.local.s3;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * CompleteMultipartUpload answers with the encryption the new object rests under ({@code x-amz-server-side-encryption},
 * the KMS key id, the bucket-key flag, or the customer key's algorithm and MD5), as S3 does. S3Proxy completes in the
 * background while it streams the answer, so the store's result comes too late for a header; the encryption was
 * fixed when the upload was created and is read from the upload's record before the answer starts. Error answers
 * (any status but 200) get none of it.
 */
final class CompletionEncryptionHeaders extends HttpServletResponseWrapper {

    private final HeadObjectResponse upload;
    private boolean added;

    /**
     * @param upload the upload's record in the store (its encryption fields), as read before completion
     */
    CompletionEncryptionHeaders(HttpServletResponse response, HeadObjectResponse upload) {
        super(response);
        this.upload = upload;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        addHeaders();
        return super.getWriter();
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        addHeaders();
        return super.getOutputStream();
    }

    private void addHeaders() {
        if (added || getStatus() != SC_OK) {
            return;
        }
        added = true;
        // set, not add: a completion S3Proxy finished before answering has echoed some of these itself.
        set("x-amz-server-side-encryption", upload.serverSideEncryptionAsString());
        set("x-amz-server-side-encryption-aws-kms-key-id", upload.ssekmsKeyId());
        set("x-amz-server-side-encryption-bucket-key-enabled",
                upload.bucketKeyEnabled() == null ? null : upload.bucketKeyEnabled().toString());
        set("x-amz-server-side-encryption-customer-algorithm", upload.sseCustomerAlgorithm());
        set("x-amz-server-side-encryption-customer-key-MD5", upload.sseCustomerKeyMD5());
    }

    private void set(String header, String value) {
        if (value != null) {
            setHeader(header, value);
        }
    }
}
