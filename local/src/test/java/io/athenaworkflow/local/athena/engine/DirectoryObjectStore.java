package io.athenaworkflow.local.athena.engine;

import io.athenaworkflow.local.s3.ObjectEncryption;
import io.athenaworkflow.local.s3.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Test fake: objects are files at {@code <dir>/<bucket>/<key>} (S3Proxy's filesystem layout). */
public final class DirectoryObjectStore implements ObjectStore {

    private final Path root;

    public DirectoryObjectStore(Path root) {
        this.root = root;
    }

    @Override
    public boolean bucketExists(String bucket) {
        return Files.isDirectory(root.resolve(bucket));
    }

    @Override
    public Optional<Path> file(String bucket, String key) {
        Path path = root.resolve(bucket).resolve(key);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    @Override
    public List<String> listKeys(String bucket, String prefix) {
        Path dir = root.resolve(bucket);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .filter(k -> k.startsWith(prefix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void put(String bucket, String key, Path source, String contentType, ObjectEncryption encryption) {
        try {
            Path target = root.resolve(bucket).resolve(key);
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void put(String bucket, String key, byte[] content, String contentType, ObjectEncryption encryption) {
        try {
            Path target = root.resolve(bucket).resolve(key);
            Files.createDirectories(target.getParent());
            Files.write(target, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a text object. */
    public void put(String bucket, String key, String content) {
        put(bucket, key, content.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/plain");
    }

    /** Where the object's file is (existing or not). */
    public Path path(String bucket, String key) {
        return root.resolve(bucket).resolve(key);
    }

    @Override
    public void delete(String bucket, String key) {
        try {
            Files.deleteIfExists(root.resolve(bucket).resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
