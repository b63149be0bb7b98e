package org.debswarm.storage;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The node's store of complete, verified files and of files being written.
 *
 * <p>Guarantees (see {@code docs/storage.md}):
 * <ul>
 * <li>A file appears at its final path only after its SHA-256 matched, by an atomic move; a
 *     half-written or wrong file is never served, even after a crash.</li>
 * <li>Content is stored once: the same SHA-256 under several hosts or paths shares one copy.</li>
 * <li>Records survive restarts; a file whose size or modification time no longer matches its
 *     record, or that has disappeared, is dropped and reported as not stored.</li>
 * <li>One write per content: concurrent {@link #begin} calls join the first.</li>
 * <li>Completion is an event ({@link CompletableFuture}); every waiter is woken exactly once.</li>
 * </ul>
 *
 * <p>Methods that touch the disk or the database throw {@link IOException} (database errors
 * included); a caller that gets one can fall back to fetching from the mirror without storing.
 * Hosts and paths are validated as in {@link FileKey}: bad ones throw
 * {@link IllegalArgumentException}.
 */
@ProviderType
public interface PieceStore {

    /**
     * The stored file at {@code <host>/<path>}, after checking that its size and modification
     * time still match the record (a mismatch or a missing file drops the record: empty).
     */
    Optional<StoredFile> lookup(String host, String path) throws IOException;

    /** A stored file with this content, under any path; checked as {@link #lookup}. */
    Optional<StoredFile> lookupBySha256(String sha256) throws IOException;

    /**
     * If the content {@code key.sha256()} is already stored (under any path), makes it available at
     * {@code key}'s path at once by a hard link (a copy where links are unsupported) and returns it.
     */
    Optional<StoredFile> linkIfKnown(FileKey key) throws IOException;

    /**
     * Claims the download of {@code key}: returns the stored file if it is already had (linking it
     * when only the content is known), joins the write in progress for the same content, or creates
     * a write (resuming a partial file left by an earlier run) that the caller must fill or abort.
     *
     * @throws IOException if there is not enough usable disk space for {@code key.size()}, or on
     *                     disk or database errors
     */
    BeginResult begin(FileKey key) throws IOException;

    /**
     * Completes when {@code key} is stored: at once if it is, when the write in progress for its
     * content completes, or whenever a later write of that content does. Completes exceptionally
     * with {@link VerificationException} or {@link WriteAbortedException} if the write that would
     * have stored it fails. Waiting is the caller's to bound ({@link CompletableFuture#orTimeout}).
     */
    CompletableFuture<StoredFile> whenStored(FileKey key);

    /**
     * Rehashes the stored file at {@code <host>/<path>} in full. A mismatch deletes it and drops its
     * record (empty); a match refreshes the recorded modification time.
     */
    Optional<StoredFile> verify(String host, String path) throws IOException;

    /**
     * Removes the stored file at {@code <host>/<path>}; its content is deleted once no path uses it.
     *
     * @return whether something was removed
     */
    boolean remove(String host, String path) throws IOException;

    /**
     * The stored file at {@code <host>/<path>}, checked as {@link #lookup}, held in use: its content is
     * not evicted until the lease is closed, and it counts as just served.
     *
     * @return empty when nothing valid is stored there
     * @since 1.1
     */
    Optional<FileLease> use(String host, String path) throws IOException;

    /**
     * Every stored path with its retention state, sorted by host and path.
     *
     * @since 1.1
     */
    List<StoreEntry> entries() throws IOException;

    /**
     * Pins or unpins the content stored at {@code <host>/<path>} (with every path to it): a pinned
     * content is never evicted. Kept across restarts.
     *
     * @return whether something is stored at that path
     * @since 1.1
     */
    boolean pin(String host, String path, boolean pinned) throws IOException;

    /**
     * Evicts the content stored at {@code <host>/<path>} with every path to it, unless it is pinned
     * or in use; {@link EvictionListener}s are told.
     *
     * @since 1.1
     */
    EvictionOutcome evict(String host, String path) throws IOException;

    /**
     * What the store holds against its limits.
     *
     * @since 1.1
     */
    StoreUsage usage() throws IOException;

    /** Counts of what is stored and being written. */
    StoreSummary summary() throws IOException;

    /**
     * Opens storage for standard BitTorrent content under {@code <data>/torrents/<name>/}.
     *
     * @param name        one path segment, typically the info-hash in hex
     * @param files       the files in torrent order
     * @param pieceLength the torrent's piece length, {@code > 0}
     */
    SpanningStorage openSpanning(String name, List<FileSpan> files, int pieceLength) throws IOException;
}
