package io.athenaworkflow.local.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * A write that fails leaves nothing behind. The filesystem store creates the directories of a key ({@code a/b/c}
 * needs {@code a/b/}) before it reads the body; when the body is then refused (a wrong Content-MD5, a broken
 * aws-chunked stream) the empty directories stayed, listed as a common prefix with no object under it, and
 * DeleteBucket answered BucketNotEmpty for a bucket listing no keys. S3 has no directories.
 *
 * <p>Writes share a read lock; removing the directories a failed write created takes the write lock, so it never
 * removes a directory another write is about to fill (a directory is only removed while empty).
 */
final class FailedWriteCleanup extends ForwardingBlobStore {

    private static final System.Logger LOG = System.getLogger(FailedWriteCleanup.class.getName());

    private final Path root;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    FailedWriteCleanup(BlobStore delegate, Path root) {
        super(delegate);
        this.root = root;
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        Path bucket = root.resolve(request.bucket()).normalize();
        Path parent = bucket.resolve(request.key()).normalize().getParent();
        Path existing = parent == null || !parent.startsWith(bucket) ? null : nearestExisting(parent, bucket);
        try {
            lock.readLock().lock();
            try {
                return super.putBlob(request, content);
            } finally {
                lock.readLock().unlock();
            }
        } catch (RuntimeException e) {
            removeEmptyDirectories(parent, existing);
            throw e;
        }
    }

    private static Path nearestExisting(Path directory, Path bucket) {
        Path current = directory;
        while (current != null && current.startsWith(bucket) && !Files.isDirectory(current)) {
            current = current.getParent();
        }
        return current;
    }

    /** Removes {@code from} and its parents up to (not including) {@code existing}, while they are empty. */
    private void removeEmptyDirectories(Path from, Path existing) {
        if (from == null || existing == null || from.equals(existing)) {
            return;
        }
        lock.writeLock().lock();
        try {
            for (Path dir = from; dir != null && !dir.equals(existing) && dir.startsWith(existing);
                    dir = dir.getParent()) {
                try {
                    Files.delete(dir);
                } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                    return; // another write filled it, or it was never created: keep it and its parents
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot remove the empty directory " + dir
                            + " left by a failed write", e);
                    return;
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
