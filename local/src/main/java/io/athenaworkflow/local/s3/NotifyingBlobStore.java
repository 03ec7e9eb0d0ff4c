package io.athenaworkflow.local.s3;

import io.athenaworkflow.local.clock.RuntimeClock;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * Raises an {@link ObjectCreated} after every successful write. Sitting between S3Proxy's handler and the
 * filesystem store, it sees PutObject (and browser POST uploads), CopyObject and CompleteMultipartUpload from HTTP
 * clients as well as {@link ObjectStore} writes, which go through it too.
 */
final class NotifyingBlobStore extends ForwardingBlobStore implements S3Events {

    private static final System.Logger LOG = System.getLogger(NotifyingBlobStore.class.getName());

    private final List<ObjectCreatedListener> listeners = new CopyOnWriteArrayList<>();
    private final RuntimeClock clock;
    // Starts from the wall clock so that sequencers keep increasing across restarts of a persistent store.
    private final AtomicLong sequence = new AtomicLong(System.currentTimeMillis() * 1_000_000L);

    NotifyingBlobStore(BlobStore delegate, RuntimeClock clock) {
        super(delegate);
        this.clock = clock;
    }

    @Override
    public Subscription onObjectCreated(ObjectCreatedListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        PutObjectResponse response = super.putBlob(request, content);
        notifyCreated(request.bucket(), request.key(), ObjectCreated.PUT_OBJECT);
        return response;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response = super.copyBlob(request);
        notifyCreated(request.destinationBucket(), request.destinationKey(), ObjectCreated.COPY_OBJECT);
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(
            MultipartUpload upload, CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
        notifyCreated(upload.containerName(), upload.blobName(), ObjectCreated.COMPLETE_MULTIPART_UPLOAD);
        return response;
    }

    private void notifyCreated(String bucket, String key, String reason) {
        if (listeners.isEmpty() || key.startsWith(KnownUploadsOnly.MULTIPART_STUB_PREFIX)) {
            return;
        }
        HeadObjectResponse head = delegate().blobMetadataIfPresent(bucket, key);
        if (head == null) {
            return; // deleted again before we looked: nothing to report
        }
        String etag = head.eTag() == null ? "" : head.eTag().replace("\"", "");
        long size = head.contentLength() == null ? 0 : head.contentLength();
        ObjectCreated event = new ObjectCreated(bucket, key, size, etag,
                String.format("%018X", sequence.incrementAndGet()), reason, clock.now());
        for (ObjectCreatedListener listener : listeners) {
            try {
                listener.objectCreated(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "object-created listener failed for s3://" + bucket + "/" + key, e);
            }
        }
    }
}
