package org.debswarm.aptlistener.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import org.debswarm.storage.FileKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index files apt fetched, as the mirror served them, under {@code <debswarm.home>/cache/<host>/<path>},
 * with their validators in {@code cache/.validators/<host>/<path>} (a host never starts with a dot, so the
 * two trees cannot meet). A new copy is written to {@code cache/.tmp} and moved into place atomically; its
 * validators record its size, so a copy whose validators belong to another version is treated as missing.
 */
final class IndexCache {

    private static final Logger LOG = LoggerFactory.getLogger(IndexCache.class);

    private final Path root;
    private final Path validators;
    private final Path tmp;
    private final Object[] stripes = new Object[64];
    /** host + "\n" + SHA-256 to a path holding that content: by-hash names served from any copy. */
    private final java.util.Map<String, String> byContent = new java.util.concurrent.ConcurrentHashMap<>();

    IndexCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.validators = this.root.resolve(".validators");
        this.tmp = this.root.resolve(".tmp");
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    /** @return the folder holding every host's cache */
    Path root() {
        return root;
    }

    /** @return the cached copy and its validators, if present and consistent */
    Optional<CachedIndex> get(String host, String path) {
        Path file = file(root, host, path);
        synchronized (stripe(host, path)) {
            try (InputStream in = Files.newInputStream(file(validators, host, path))) {
                Properties p = new Properties();
                p.load(in);
                long size = Long.parseLong(p.getProperty("size"));
                if (Files.size(file) != size) {
                    return Optional.empty();
                }
                return Optional.of(new CachedIndex(host, path, file, size, p.getProperty("sha256"),
                        instant(p.getProperty("lastModified")), p.getProperty("etag"),
                        Instant.ofEpochMilli(Long.parseLong(p.getProperty("fetchedAt")))));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Ignoring the cached copy of {}/{}: {}", host, path, e.toString());
                return Optional.empty();
            }
        }
    }

    /** Records that the copy at {@code index.path()} holds this content, so a by-hash name can find it. */
    void remember(CachedIndex index) {
        byContent.put(index.host() + "\n" + index.sha256(), index.path());
    }

    /**
     * @return a cached copy of {@code host} with this SHA-256, whatever path it was cached under (its plain
     *         name or a by-hash name), if the cache has seen one since start and still holds it
     */
    Optional<CachedIndex> byContent(String host, String sha256) {
        String path = byContent.get(host + "\n" + sha256);
        return path == null ? Optional.empty() : get(host, path).filter(c -> c.sha256().equals(sha256));
    }

    /** @return a new temporary file for a download, in the cache's file system */
    Path newTemporary() throws IOException {
        Files.createDirectories(tmp);
        return tmp.resolve(UUID.randomUUID() + ".part");
    }

    /**
     * Deletes temporary files left by downloads that cannot still be running (a crash, a kill): those older
     * than {@code age}, the longest an index download may take.
     */
    void sweepTemporaries(java.time.Duration age) {
        if (!Files.isDirectory(tmp)) {
            return;
        }
        Instant before = Instant.now().minus(age);
        try (java.util.stream.Stream<Path> files = Files.list(tmp)) {
            files.filter(f -> lastModified(f).isBefore(before)).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    LOG.debug("Cannot delete {}: {}", f, e.toString());
                }
            });
        } catch (IOException e) {
            LOG.warn("Cannot sweep {}: {}", tmp, e.toString());
        }
    }

    private static Instant lastModified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.MAX;
        }
    }

    /** Moves a complete download into place and records its validators. */
    CachedIndex commit(Path temporary, CachedIndex index) throws IOException {
        Path file = file(root, index.host(), index.path());
        synchronized (stripe(index.host(), index.path())) {
            Files.createDirectories(file.getParent());
            move(temporary, file);
            writeValidators(index);
        }
        byContent.put(index.host() + "\n" + index.sha256(), index.path());
        return new CachedIndex(index.host(), index.path(), file, index.size(), index.sha256(), index.lastModified(),
                index.etag(), index.fetchedAt());
    }

    /** Records that the mirror confirmed the copy (a 304), with the validators it sent. */
    void update(CachedIndex index) throws IOException {
        synchronized (stripe(index.host(), index.path())) {
            writeValidators(index);
        }
    }

    /** Forgets a copy the mirror no longer has. */
    void remove(String host, String path) throws IOException {
        synchronized (stripe(host, path)) {
            Files.deleteIfExists(file(validators, host, path));
            Files.deleteIfExists(file(root, host, path));
        }
    }

    private void writeValidators(CachedIndex index) throws IOException {
        Properties p = new Properties();
        p.setProperty("size", Long.toString(index.size()));
        p.setProperty("sha256", index.sha256());
        p.setProperty("fetchedAt", Long.toString(index.fetchedAt().toEpochMilli()));
        if (index.lastModified() != null) {
            p.setProperty("lastModified", Long.toString(index.lastModified().getEpochSecond()));
        }
        if (index.etag() != null) {
            p.setProperty("etag", index.etag());
        }
        Path target = file(validators, index.host(), index.path());
        Files.createDirectories(target.getParent());
        Path temporary = newTemporary();
        try (OutputStream out = Files.newOutputStream(temporary)) {
            p.store(out, null);
        }
        move(temporary, target);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The host and path were validated by the request parser; this guards against a slip anyway. */
    private static Path file(Path base, String host, String path) {
        Path hostDir = base.resolve(FileKey.checkHost(host));
        Path file = hostDir.resolve(FileKey.checkPath(path)).normalize();
        if (!file.startsWith(hostDir)) {
            throw new IllegalArgumentException("path " + path + " leaves the cache of " + host);
        }
        return file;
    }

    private static Instant instant(String epochSeconds) {
        return epochSeconds == null ? null : Instant.ofEpochSecond(Long.parseLong(epochSeconds));
    }

    private Object stripe(String host, String path) {
        return stripes[Math.floorMod(host.hashCode() * 31 + path.hashCode(), stripes.length)];
    }
}
