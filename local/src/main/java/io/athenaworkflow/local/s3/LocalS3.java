package io.athenaworkflow.local.s3;

import io.athenaworkflow.local.s3.nio2blob.EncryptionRecordingFilesystemStore;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3ProxyMetrics;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The local S3: S3Proxy's S3 REST implementation over its filesystem blob store. Mount {@link #servlet()} in a
 * servlet container (the edge server does) to serve path-style S3 requests; any credentials are accepted, signed
 * (AWS Signature V4, including aws-chunked uploads) or not. Other local services read and write objects in-process
 * through {@link ObjectStore}.
 */
public final class LocalS3 implements ObjectStore, S3Events, AutoCloseable {

    // S3Proxy's defaults (S3Proxy.Builder): 5 GiB single PUT, 128 MiB non-chunked V4 body, 16 MiB chunks.
    private static final long MAX_SINGLE_PART_OBJECT_SIZE = 5L * 1024 * 1024 * 1024;
    private static final long V4_MAX_NON_CHUNKED_REQUEST_SIZE = 128L * 1024 * 1024;
    private static final int V4_MAX_CHUNK_SIZE = 16 * 1024 * 1024;
    private static final int MAXIMUM_TIME_SKEW_SECONDS = 15 * 60;

    // S3Proxy's own bookkeeping objects (multipart stubs and parts, version archives) start with this.
    private static final String S3PROXY_RESERVED_PREFIX = ".s3proxy-";

    private final LocalS3Config config;
    private final Path root;
    private final NotifyingBlobStore blobStore;
    private final Map<String, String> foreignOwners;
    private final S3Servlet servlet;

    private LocalS3(LocalS3Config config, Path root, NotifyingBlobStore blobStore, Map<String, String> foreignOwners) {
        this.config = config;
        this.root = root;
        this.blobStore = blobStore;
        this.foreignOwners = foreignOwners;
        this.servlet = new S3Servlet(s3ProxyServlet(blobStore), this::ownerOf, this::uploadRecord);
    }

    /**
     * Opens the store (creating the directory if needed).
     *
     * @throws S3StartException when the directory cannot be used or S3Proxy cannot be set up
     */
    public static LocalS3 start(LocalS3Config config) {
        Path root = prepareRoot(config);
        NotifyingBlobStore blobStore;
        try {
            // S3Proxy's filesystem store with its encryption bookkeeping on, corrected where it answers unlike S3.
            blobStore = new NotifyingBlobStore(
                    new DefaultKmsKey(new KnownUploadsOnly(
                            new FailedWriteCleanup(new DefaultContentType(new EncryptionRecordingFilesystemStore(root)),
                                    root)),
                            config.region(), config.accountId()),
                    config.clock());
        } catch (RuntimeException e) {
            throw new S3StartException("cannot open the S3 data directory " + root + ": " + e.getMessage(), e);
        }
        return new LocalS3(config, root, blobStore, new ConcurrentHashMap<>());
    }

    /** The servlet that answers S3 REST requests (path-style); mount it at the root of the context. */
    public HttpServlet servlet() {
        return servlet;
    }

    /** The directory holding one sub-directory per bucket. */
    public Path directory() {
        return root;
    }

    /** The account that owns the buckets (except those created with {@link #createBucket(String, String)}). */
    public String accountId() {
        return config.accountId();
    }

    /** Creates the bucket unless it exists. */
    public void createBucket(String bucket) {
        createBucket(bucket, config.accountId());
    }

    /**
     * Creates the bucket unless it exists, owned by {@code ownerAccountId}: requests naming another expected bucket
     * owner get 403 AccessDenied, as S3 answers for a bucket of another account. Ownership by other accounts is
     * kept in memory only (it exists to exercise that check).
     */
    public void createBucket(String bucket, String ownerAccountId) {
        if (!blobStore.containerExists(bucket)) {
            blobStore.createContainer(bucket);
        }
        if (!ownerAccountId.equals(config.accountId())) {
            foreignOwners.put(bucket, ownerAccountId);
        }
    }

    /** The account owning {@code bucket}. */
    public String ownerOf(String bucket) {
        return foreignOwners.getOrDefault(bucket, config.accountId());
    }

    /**
     * The filesystem store's record of an open multipart upload (a hidden stub carrying the encryption chosen at
     * creation; the name is {@code AbstractNio2BlobStore}'s), or null when there is none.
     */
    private HeadObjectResponse uploadRecord(String bucket, String key, String uploadId) {
        return blobStore.containerExists(bucket)
                ? blobStore.blobMetadataIfPresent(bucket, ".mpus-" + uploadId + "-" + key + "-stub")
                : null;
    }

    @Override
    public Subscription onObjectCreated(ObjectCreatedListener listener) {
        return blobStore.onObjectCreated(listener);
    }

    @Override
    public boolean bucketExists(String bucket) {
        return blobStore.containerExists(bucket);
    }

    @Override
    public Optional<Path> file(String bucket, String key) {
        if (key.isEmpty() || key.endsWith("/") || key.startsWith(S3PROXY_RESERVED_PREFIX)
                || !blobStore.containerExists(bucket)
                || blobStore.blobMetadataIfPresent(bucket, key) == null) {
            return Optional.empty();
        }
        Path file = root.resolve(bucket).resolve(key).normalize();
        return file.startsWith(root.resolve(bucket)) && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    @Override
    public List<String> listKeys(String bucket, String prefix) {
        if (!blobStore.containerExists(bucket)) {
            throw new BucketNotFoundException(bucket);
        }
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Response page = blobStore.list(ListObjectsV2Request.builder()
                    .bucket(bucket).prefix(prefix == null ? "" : prefix).continuationToken(token).build());
            for (S3Object object : page.contents()) {
                if (!object.key().endsWith("/") && !object.key().startsWith(S3PROXY_RESERVED_PREFIX)) {
                    keys.add(object.key());
                }
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        keys.sort(null);
        return keys;
    }

    @Override
    public void put(String bucket, String key, Path source, String contentType, ObjectEncryption encryption) {
        try (InputStream content = Files.newInputStream(source)) {
            put(bucket, key, content, Files.size(source), contentType, encryption);
        } catch (IOException e) {
            throw new ObjectStoreException("cannot read " + source + " to store it as s3://" + bucket + "/" + key, e);
        }
    }

    @Override
    public void put(String bucket, String key, byte[] content, String contentType, ObjectEncryption encryption) {
        put(bucket, key, new java.io.ByteArrayInputStream(content), content.length, contentType, encryption);
    }

    private void put(String bucket, String key, InputStream content, long length, String contentType,
            ObjectEncryption encryption) {
        if (!blobStore.containerExists(bucket)) {
            throw new BucketNotFoundException(bucket);
        }
        try {
            blobStore.putBlob(PutObjectRequest.builder().bucket(bucket).key(key).contentLength(length)
                    .contentType(contentType).serverSideEncryption(encryption.algorithm())
                    .ssekmsKeyId(encryption.kmsKeyId()).build(), content);
        } catch (NoSuchBucketException e) {
            throw new BucketNotFoundException(bucket);
        } catch (S3Exception | UncheckedIOException e) {
            throw new ObjectStoreException("cannot store s3://" + bucket + "/" + key + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String bucket, String key) {
        if (blobStore.containerExists(bucket)) {
            blobStore.removeBlob(bucket, key);
        }
    }

    /** Stops serving; a temporary store also deletes its directory. */
    @Override
    public void close() {
        blobStore.close();
        if (config.isTemporary()) {
            deleteRecursively(root);
        }
    }

    private static Path prepareRoot(LocalS3Config config) {
        try {
            if (config.isTemporary()) {
                return Files.createTempDirectory("athena-local-s3-").toRealPath();
            }
            Files.createDirectories(config.directory());
            return config.directory().toRealPath();
        } catch (IOException e) {
            throw new S3StartException("cannot create the S3 data directory "
                    + (config.isTemporary() ? "(temporary)" : config.directory()) + ": " + e.getMessage()
                    + ". Choose a writable directory.", e);
        }
    }

    /**
     * S3Proxy's servlet ({@code S3ProxyHandlerJetty}) is package-private; it is the piece that turns blob-store
     * exceptions into S3 error responses, so it is used as is rather than re-implemented.
     */
    private static HttpServlet s3ProxyServlet(BlobStore blobStore) {
        try {
            Class<?> type = Class.forName("org.gaul.s3proxy.S3ProxyHandlerJetty");
            Constructor<?> constructor = type.getDeclaredConstructor(BlobStore.class, AuthenticationType.class,
                    String.class, String.class, String.class, long.class, long.class, int.class, boolean.class,
                    CrossOriginResourceSharing.class, String.class, int.class, S3ProxyMetrics.class);
            constructor.setAccessible(true);
            // AuthenticationType.NONE: any credentials (or none) are accepted, signatures are not verified.
            return (HttpServlet) constructor.newInstance(blobStore, AuthenticationType.NONE, null, null, null,
                    MAX_SINGLE_PART_OBJECT_SIZE, V4_MAX_NON_CHUNKED_REQUEST_SIZE, V4_MAX_CHUNK_SIZE, true,
                    new CrossOriginResourceSharing(), "", MAXIMUM_TIME_SKEW_SECONDS, null);
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                | InvocationTargetException e) {
            throw new S3StartException("cannot create S3Proxy's S3 handler; this runtime needs org.gaul:s3proxy 4.1.0 "
                    + "on the class path: " + e, e);
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.getLogger(LocalS3.class.getName()).log(System.Logger.Level.WARNING,
                    "could not delete the temporary S3 directory " + directory, e);
        }
    }
}
