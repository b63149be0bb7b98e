package org.debswarm.storage.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

import org.debswarm.storage.FileKey;

/**
 * Where things live under the data folder:
 * <pre>
 * mirrors/&lt;host&gt;/&lt;path&gt;        complete files in the archive's layout (hard links to store/)
 * store/sha256/ab/abcdef...      one copy of each content, named by its SHA-256
 * partial/&lt;sha256&gt;.part          files being written, at their final length
 * partial/*.tmp                  links and copies on their way into mirrors/ (atomic rename)
 * torrents/&lt;name&gt;/...            standard BitTorrent content
 * db/storage.mv.db               the H2 database (default URL)
 * </pre>
 * Everything is under one folder so renames between these places stay on one file system and
 * are atomic.
 */
final class StoreLayout {

    private static final String PARTIAL_SUFFIX = ".part";

    private final Path home;
    private final Path mirrors;
    private final Path blobs;
    private final Path partials;
    private final Path torrents;

    StoreLayout(Path home) {
        this.home = home.toAbsolutePath().normalize();
        this.mirrors = this.home.resolve("mirrors");
        this.blobs = this.home.resolve("store").resolve("sha256");
        this.partials = this.home.resolve("partial");
        this.torrents = this.home.resolve("torrents");
    }

    void createDirectories() throws IOException {
        for (Path dir : new Path[] {mirrors, blobs, partials, torrents, home.resolve("db")}) {
            Files.createDirectories(dir);
        }
    }

    Path home() {
        return home;
    }

    /**
     * The default JDBC URL: an H2 file database {@code <home>/db/storage}. H2 must not close it from its own
     * JVM shutdown hook: on SIGTERM that hook runs beside the framework's stop, while components still use the
     * store (the store closes it when it is deactivated).
     */
    String defaultJdbcUrl() {
        return "jdbc:h2:file:" + home.resolve("db").resolve("storage") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    Path mirror(String host, String path) {
        return inside(mirrors, mirrors.resolve(FileKey.checkHost(host)).resolve(FileKey.checkPath(path)));
    }

    Path mirror(FileKey key) {
        return mirror(key.host(), key.path());
    }

    Path blob(String sha256) {
        String sha = FileKey.checkSha256(sha256);
        return blobs.resolve(sha.substring(0, 2)).resolve(sha);
    }

    Path partialDirectory() {
        return partials;
    }

    Path partial(String sha256) {
        return partials.resolve(FileKey.checkSha256(sha256) + PARTIAL_SUFFIX);
    }

    /** The SHA-256 a partial file is named after, if the name is one of ours. */
    static Optional<String> partialSha256(Path file) {
        String name = file.getFileName().toString();
        if (name.length() != 64 + PARTIAL_SUFFIX.length() || !name.endsWith(PARTIAL_SUFFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(FileKey.checkSha256(name.substring(0, 64)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A fresh name in the partial folder for a link or copy on its way into place. */
    Path newTemporary() {
        return partials.resolve("place-" + UUID.randomUUID() + ".tmp");
    }

    Path torrent(String name) {
        return inside(torrents, torrents.resolve(FileKey.checkPath(name)));
    }

    /** Defence in depth: validated names cannot escape, but a path is only used if it provably does not. */
    private static Path inside(Path root, Path candidate) {
        Path normal = candidate.normalize();
        if (!normal.startsWith(root) || normal.equals(root)) {
            throw new IllegalArgumentException("path " + candidate + " is outside " + root);
        }
        return normal;
    }
}
