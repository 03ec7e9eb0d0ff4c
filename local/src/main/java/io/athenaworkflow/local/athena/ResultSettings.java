package io.athenaworkflow.local.athena;

/**
 * A query's ResultConfiguration after the workgroup defaults were applied.
 *
 * @param outputPrefix where result files go ({@code <prefix><id>.csv})
 * @param outputLocationAsSent the request's OutputLocation, or null when it came from the workgroup
 * @param encryptionOption SSE_S3, SSE_KMS, CSE_KMS or null
 * @param kmsKey or null
 * @param expectedBucketOwner or null
 * @param s3AclOption BUCKET_OWNER_FULL_CONTROL or null
 */
record ResultSettings(S3Location outputPrefix, String outputLocationAsSent, String encryptionOption, String kmsKey,
        String expectedBucketOwner, String s3AclOption) {

    /** Whether two queries write their results the same way (a condition of result reuse). */
    boolean sameResultConfiguration(ResultSettings other) {
        return outputPrefix.equals(other.outputPrefix)
                && java.util.Objects.equals(encryptionOption, other.encryptionOption)
                && java.util.Objects.equals(kmsKey, other.kmsKey)
                && java.util.Objects.equals(expectedBucketOwner, other.expectedBucketOwner)
                && java.util.Objects.equals(s3AclOption, other.s3AclOption);
    }
}
