package org.debswarm.storage.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.debswarm.storage.FileKey;
import org.debswarm.storage.StoredFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is stored: the records of complete contents and paths, checked against the files on disk.
 * A record whose file is missing or has another size or modification time is dropped, with its
 * file, so what is reported stored is always what is on disk. Methods marked "under the stripe"
 * expect the caller to hold {@link Stripes#of} for the content concerned; the others take it.
 * Contents that may have lost their last path are added to an {@code orphans} collection for the
 * caller to {@link #collect} once it holds no stripe.
 */
final class Catalog {

    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);

    private final StoreLayout layout;
    private final Records records;
    private final Placer placer;
    private final Stripes stripes;

    Catalog(StoreLayout layout, Records records, Stripes stripes) {
        this.layout = layout;
        this.records = records;
        this.placer = new Placer(layout);
        this.stripes = stripes;
    }

    Optional<StoredFile> lookup(String host, String path) throws IOException {
        Optional<PathRecord> row = records.path(FileKey.checkHost(host), FileKey.checkPath(path));
        if (row.isEmpty() || valid(row.get())) {
            return row.map(this::stored);
        }
        String sha = row.get().sha256();
        synchronized (stripes.of(sha)) {
            // Re-read: a commit holding this stripe may have just placed the file or replaced the row.
            Optional<PathRecord> now = records.path(row.get().host(), row.get().path());
            if (now.isEmpty() || valid(now.get())) {
                return now.map(this::stored);
            }
            if (now.get().sha256().equals(sha)) {
                drop(now.get());
            }
            return Optional.empty();
        }
    }

    /**
     * As {@link #lookup}, and a found file's content is held by {@code hold} under its stripe, right after the
     * file's check there: an eviction (judged under the stripe) either precedes it, and the check fails, or
     * sees the hold. One row look-up and one {@code stat} when the file is fine.
     */
    Optional<StoredFile> lookupHeld(String host, String path, Consumer<String> hold) throws IOException {
        String h = FileKey.checkHost(host);
        String p = FileKey.checkPath(path);
        for (int attempt = 0; attempt < 2; attempt++) {
            Optional<PathRecord> row = records.path(h, p);
            if (row.isEmpty()) {
                return Optional.empty();
            }
            synchronized (stripes.of(row.get().sha256())) {
                if (valid(row.get())) {
                    hold.accept(row.get().sha256());
                    return Optional.of(stored(row.get()));
                }
            }
            if (lookup(h, p).isEmpty()) { // drops a row whose file is missing or changed
                return Optional.empty();
            }
        }
        return Optional.empty(); // replaced twice meanwhile: treated as not stored, the caller fetches
    }

    Optional<StoredFile> lookupBySha256(String sha256) throws IOException {
        String sha = FileKey.checkSha256(sha256);
        synchronized (stripes.of(sha)) {
            for (PathRecord row : records.pathsOf(sha)) {
                if (valid(row)) {
                    return Optional.of(stored(row));
                }
                drop(row);
            }
            return Optional.empty();
        }
    }

    /**
     * Under the stripe of {@code key.sha256()}: the file stored at {@code key}'s path with
     * {@code key}'s content, or that content linked there now if it is stored elsewhere.
     */
    Optional<StoredFile> storedOrLinked(FileKey key, Collection<String> orphans) throws IOException {
        Optional<PathRecord> own = records.path(key.host(), key.path());
        if (own.isPresent() && own.get().sha256().equals(key.sha256())) {
            if (valid(own.get())) {
                return Optional.of(stored(own.get()));
            }
            drop(own.get());
        }
        Optional<BlobRecord> blob = records.blob(key.sha256());
        if (blob.isEmpty()) {
            return Optional.empty();
        }
        if (blob.get().size() != key.size()) {
            LOG.warn("Not linking {}: the stored content with that SHA-256 has {} bytes", key, blob.get().size());
            return Optional.empty();
        }
        if (!FileChecks.matches(layout.blob(key.sha256()), blob.get().size(), blob.get().mtimeNanos())) {
            dropContent(key.sha256());
            return Optional.empty();
        }
        return Optional.of(link(key, orphans));
    }

    private StoredFile link(FileKey key, Collection<String> orphans) throws IOException {
        Path target = layout.mirror(key);
        placer.place(layout.blob(key.sha256()), target);
        PathRecord row = PathRecord.of(key, FileChecks.mtimeNanos(target), System.currentTimeMillis());
        records.putPathNow(row).ifPresent(orphans::add);
        LOG.debug("Linked {} to stored content", key);
        return stored(row);
    }

    /**
     * Under the stripe: places a verified content, already moved to its content-addressed file, at
     * every path waiting for it, and records it all.
     */
    Placement place(FileKey content, Collection<FileKey> keys) throws IOException {
        Path blob = layout.blob(content.sha256());
        long now = System.currentTimeMillis();
        Placement placement = new Placement();
        for (FileKey key : keys) {
            try {
                Path target = layout.mirror(key);
                placer.place(blob, target);
                placement.placed(PathRecord.of(key, FileChecks.mtimeNanos(target), now), target);
            } catch (IOException e) {
                LOG.warn("Placing {} failed: {}", key, e.toString());
                placement.failed(key, e);
            }
        }
        BlobRecord row = new BlobRecord(content.sha256(), content.size(), FileChecks.mtimeNanos(blob), now);
        placement.replaced(records.storeContent(row, placement.rows()));
        return placement;
    }

    /** Rehashes a stored file; see {@link org.debswarm.storage.PieceStore#verify}. */
    Optional<StoredFile> verify(String host, String path) throws IOException {
        Optional<PathRecord> row = records.path(FileKey.checkHost(host), FileKey.checkPath(path));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Path file = layout.mirror(host, path);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) != row.get().size()) {
            return lookup(host, path);
        }
        long mtime;
        String actual;
        try {
            mtime = FileChecks.mtimeNanos(file);
            actual = FileChecks.sha256Of(file); // outside the stripe: hashing may take seconds
        } catch (NoSuchFileException e) {
            return lookup(host, path); // deleted meanwhile: the cheap check drops it
        }
        synchronized (stripes.of(row.get().sha256())) {
            if (!records.path(row.get().host(), row.get().path()).equals(row) || FileChecks.mtimeNanos(file) != mtime) {
                return lookup(host, path); // changed while hashing: judge the new state cheaply
            }
            return settleVerified(row.get(), file, actual, mtime);
        }
    }

    private Optional<StoredFile> settleVerified(PathRecord row, Path file, String actual, long mtime) throws IOException {
        Path blob = layout.blob(row.sha256());
        boolean sameFile = Files.exists(blob) && Files.isSameFile(file, blob);
        if (!actual.equals(row.sha256())) {
            LOG.warn("Stored file {}/{} has SHA-256 {} (expected: {}); dropping it", row.host(), row.path(), actual,
                    row.sha256());
            if (sameFile) {
                dropContent(row.sha256());
            } else {
                drop(row);
            }
            return Optional.empty();
        }
        if (mtime != row.mtimeNanos()) {
            records.touch(row, mtime, sameFile);
        }
        return Optional.of(stored(row));
    }

    boolean remove(String host, String path) throws IOException {
        Optional<PathRecord> row = records.path(FileKey.checkHost(host), FileKey.checkPath(path));
        if (row.isEmpty()) {
            return false;
        }
        String sha = row.get().sha256();
        synchronized (stripes.of(sha)) {
            if (!records.deletePath(row.get().host(), row.get().path(), sha)) {
                return false;
            }
            Files.deleteIfExists(layout.mirror(host, path));
            collectUnderStripe(sha);
            return true;
        }
    }

    /** Deletes each content no path uses any more. Call holding no stripe. */
    void collect(Collection<String> orphans) throws IOException {
        for (String sha : orphans) {
            synchronized (stripes.of(sha)) {
                collectUnderStripe(sha);
            }
        }
    }

    private void collectUnderStripe(String sha) throws IOException {
        if (records.pathsOf(sha).isEmpty()) {
            Files.deleteIfExists(layout.blob(sha));
            records.deleteBlob(sha);
            LOG.debug("Collected content {}: no path uses it", sha);
        }
    }

    /** Under the stripe: a path's file is missing or changed. Deletes it and its record. */
    private void drop(PathRecord row) throws IOException {
        LOG.info("Stored file {}/{} is missing or no longer matches its record; dropping it", row.host(), row.path());
        deleteQuietly(layout.mirror(row.host(), row.path()));
        records.deletePath(row.host(), row.path(), row.sha256());
        Optional<BlobRecord> blob = records.blob(row.sha256());
        if (blob.isPresent() && !FileChecks.matches(layout.blob(row.sha256()), blob.get().size(), blob.get().mtimeNanos())) {
            dropContent(row.sha256());
        } else {
            collectUnderStripe(row.sha256());
        }
    }

    /**
     * Under the stripe: the content-addressed file is bad or gone. Every path of that content is a
     * link to it (or a copy that can no longer be vouched for), so all of them go.
     */
    private void dropContent(String sha) throws IOException {
        LOG.info("Stored content {} is missing or changed; dropping it and every path to it", sha);
        removeContent(sha);
    }

    /**
     * Under the stripe: deletes a content with every path to it, files and records.
     *
     * @return the paths that were removed
     */
    List<FileKey> removeContent(String sha) throws IOException {
        List<FileKey> removed = new ArrayList<>();
        for (PathRecord row : records.pathsOf(sha)) {
            deleteQuietly(layout.mirror(row.host(), row.path()));
            if (records.deletePath(row.host(), row.path(), sha)) {
                removed.add(row.key());
            }
        }
        deleteQuietly(layout.blob(sha));
        records.deleteBlob(sha);
        return removed;
    }

    private boolean valid(PathRecord row) throws IOException {
        return FileChecks.matches(layout.mirror(row.host(), row.path()), row.size(), row.mtimeNanos());
    }

    private StoredFile stored(PathRecord row) {
        return new StoredFile(row.key(), layout.mirror(row.host(), row.path()), Instant.ofEpochMilli(row.storedAtMillis()));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", file, e.toString());
        }
    }
}
