package io.athenaworkflow.local.s3.nio2blob;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.nio2blob.AbstractNio2BlobStore;

/**
 * S3Proxy's filesystem store with its server-side encryption bookkeeping switched on: every object records the
 * encryption it was written under (SSE-S3, SSE-KMS with its key id, context and bucket-key flag, or SSE-C with the
 * customer key's MD5, never the key) in extended attributes, responses echo it, and SSE-C reads are judged against
 * the recorded key MD5. The bytes on disk stay unencrypted (see docs/local-runtime.md).
 *
 * <p>S3Proxy's {@code FilesystemNio2BlobStore} is final and answers {@code supportsServerSideEncryption() == false},
 * which leaves that bookkeeping off. The package name is load-bearing: S3Proxy's handler picks its per-backend quirks
 * (multipart stubs, native If-None-Match) by the store's class name, and a class in a {@code .nio2blob.} package is
 * treated as the filesystem store it is.
 */
public final class EncryptionRecordingFilesystemStore extends AbstractNio2BlobStore {

    /** Opens the store over an existing directory. */
    public EncryptionRecordingFilesystemStore(Path root) {
        super(root);
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("the S3 data directory " + root + " does not exist");
        }
    }

    @Override
    public boolean supportsServerSideEncryption() {
        return true;
    }

    // PutBucketEncryption: the bucket default a write naming no encryption of its own comes to rest under.
    @Override
    public boolean supportsBucketEncryption() {
        return true;
    }
}
