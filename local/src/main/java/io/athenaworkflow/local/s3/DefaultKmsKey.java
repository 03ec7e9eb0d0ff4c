package io.athenaworkflow.local.s3;

import java.io.InputStream;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * A write asking for {@code aws:kms} without naming a key is encrypted under the account's AWS managed key for S3
 * ({@code aws/s3}), as S3 does ({@code aws s3 cp --sse aws:kms} sends no key). S3Proxy's filesystem store refuses
 * such a write; here it is recorded under {@code arn:aws:kms:<region>:<account>:alias/aws/s3} (S3 reports the managed
 * key's key ARN, which has no local equivalent).
 */
final class DefaultKmsKey extends ForwardingBlobStore {

    private static final String KMS = "aws:kms";

    private final String managedKey;

    DefaultKmsKey(BlobStore delegate, String region, String accountId) {
        super(delegate);
        this.managedKey = "arn:aws:kms:" + region + ":" + accountId + ":alias/aws/s3";
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        return super.putBlob(lacksKey(request.serverSideEncryptionAsString(), request.ssekmsKeyId())
                ? request.toBuilder().ssekmsKeyId(managedKey).build() : request, content);
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        return super.copyBlob(lacksKey(request.serverSideEncryptionAsString(), request.ssekmsKeyId())
                ? request.toBuilder().ssekmsKeyId(managedKey).build() : request);
    }

    @Override
    public MultipartUpload initiateMultipartUpload(CreateMultipartUploadRequest request) {
        return super.initiateMultipartUpload(lacksKey(request.serverSideEncryptionAsString(), request.ssekmsKeyId())
                ? request.toBuilder().ssekmsKeyId(managedKey).build() : request);
    }

    private static boolean lacksKey(String algorithm, String kmsKeyId) {
        return KMS.equals(algorithm) && (kmsKeyId == null || kmsKeyId.isEmpty());
    }
}
