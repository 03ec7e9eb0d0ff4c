package io.athenaworkflow.local.s3;

import java.io.InputStream;
import java.util.List;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * ListParts and UploadPart answer 404 NoSuchUpload for an upload that was aborted, completed or never started, as S3
 * does. S3Proxy lists whatever part files it finds for any id (none, after an abort) and stores parts for any id,
 * answering 200; the upload exists exactly while S3Proxy's stub object for it does.
 */
final class KnownUploadsOnly extends ForwardingBlobStore {

    // S3Proxy's handler keeps this stub per open upload on the filesystem store (S3ProxyHandler.multipartStubName).
    static final String MULTIPART_STUB_PREFIX = ".s3proxy-mpu-stub-";
    private static final String NO_SUCH_UPLOAD_MESSAGE = "The specified upload does not exist. The upload ID may be "
            + "invalid, or the upload may have been aborted or completed.";

    KnownUploadsOnly(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public List<Part> listMultipartUpload(MultipartUpload upload) {
        requireOpen(upload);
        return super.listMultipartUpload(upload);
    }

    @Override
    public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request,
            InputStream content) {
        requireOpen(upload);
        return super.uploadMultipartPart(upload, request, content);
    }

    private void requireOpen(MultipartUpload upload) {
        if (!delegate().blobExists(upload.containerName(), MULTIPART_STUB_PREFIX + upload.id())) {
            throw (NoSuchUploadException) NoSuchUploadException.builder()
                    .statusCode(404)
                    .message(NO_SUCH_UPLOAD_MESSAGE)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("NoSuchUpload")
                            .errorMessage(NO_SUCH_UPLOAD_MESSAGE).build())
                    .build();
        }
    }
}
