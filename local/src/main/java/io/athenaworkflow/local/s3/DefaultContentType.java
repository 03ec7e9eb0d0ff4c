package io.athenaworkflow.local.s3;

import java.io.InputStream;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * An object written without a Content-Type is {@code binary/octet-stream}, as S3 stores it. The filesystem store
 * records no type then and, when the object is read, guesses one from the key's extension
 * ({@code Files.probeContentType}: {@code notes.txt} came back {@code text/plain}, {@code lib.a} {@code text/vnd.a}
 * from the machine's mime table): a HEAD answered a type no client sent.
 */
final class DefaultContentType extends ForwardingBlobStore {

    static final String BINARY = "binary/octet-stream";

    DefaultContentType(BlobStore delegate) {
        super(delegate);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        return super.putBlob(request.contentType() != null ? request
                : request.toBuilder().contentType(BINARY).build(), content);
    }

    @Override
    public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
        return super.initiateMultipartUpload(request.contentType() != null ? request
                : request.toBuilder().contentType(BINARY).build());
    }
}
