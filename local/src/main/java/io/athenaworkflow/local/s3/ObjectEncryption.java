package io.athenaworkflow.local.s3;

import java.util.Objects;

/**
 * The server-side encryption an object written in-process is recorded under, as S3 reports it on HEAD and GET
 * ({@code x-amz-server-side-encryption} and its KMS key id). The bytes on disk stay unencrypted.
 *
 * @param algorithm {@code AES256} (SSE-S3) or {@code aws:kms} (SSE-KMS)
 * @param kmsKeyId the KMS key for {@code aws:kms}, null for {@code AES256}
 */
public record ObjectEncryption(String algorithm, String kmsKeyId) {

    /** SSE-S3: what S3 applies to every object that names no encryption of its own. */
    public static final ObjectEncryption S3_MANAGED = new ObjectEncryption("AES256", null);

    public ObjectEncryption {
        Objects.requireNonNull(algorithm, "algorithm");
        if (!algorithm.equals("AES256") && !algorithm.equals("aws:kms")) {
            throw new IllegalArgumentException("algorithm must be AES256 or aws:kms, was '" + algorithm + "'");
        }
        if (algorithm.equals("aws:kms") == (kmsKeyId == null || kmsKeyId.isBlank())) {
            throw new IllegalArgumentException("a KMS key id is required with aws:kms and only with it; algorithm "
                    + algorithm + ", key '" + kmsKeyId + "'");
        }
    }

    /** SSE-KMS under {@code kmsKeyId} (a key id, key ARN, alias name or alias ARN). */
    public static ObjectEncryption kms(String kmsKeyId) {
        return new ObjectEncryption("aws:kms", Objects.requireNonNull(kmsKeyId, "kmsKeyId"));
    }
}
