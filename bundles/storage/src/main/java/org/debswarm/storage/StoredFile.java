package org.debswarm.storage;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * A complete, verified file in the store: its key, where it lies on disk and when it was stored.
 *
 * <p>{@link #file()} is {@code <data>/mirrors/<host>/<path>}; it is a hard link to the
 * content-addressed copy (or a copy where links are unsupported), so it can be opened with
 * {@link java.nio.channels.FileChannel#open} and sent with
 * {@link java.nio.channels.FileChannel#transferTo} for zero-copy serving. Its bytes were verified
 * when stored; size and modification time are checked against the record on every look-up.
 */
public final class StoredFile {

    private final FileKey key;
    private final Path file;
    private final Instant storedAt;

    public StoredFile(FileKey key, Path file, Instant storedAt) {
        this.key = Objects.requireNonNull(key, "key");
        this.file = Objects.requireNonNull(file, "file");
        this.storedAt = Objects.requireNonNull(storedAt, "storedAt");
    }

    public FileKey key() {
        return key;
    }

    public String host() {
        return key.host();
    }

    public String path() {
        return key.path();
    }

    /** The file on disk, in the mirror's archive layout. */
    public Path file() {
        return file;
    }

    public long size() {
        return key.size();
    }

    public String sha256() {
        return key.sha256();
    }

    /** When this path was stored (or linked to known content). */
    public Instant storedAt() {
        return storedAt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredFile s && s.key.equals(key) && s.file.equals(file) && s.storedAt.equals(storedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, file, storedAt);
    }

    @Override
    public String toString() {
        return "StoredFile[" + key + " at " + file + "]";
    }
}
