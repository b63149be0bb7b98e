package org.debswarm.storage;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What {@link PieceStore#begin} found: a new write for the caller to fill, a write already in
 * progress to join, or the file already stored.
 */
public final class BeginResult {

    /** The three answers to "may I download this?". */
    public enum Outcome {
        /** A new write (or one resumed from a partial file): the caller downloads and fills it. */
        CREATED,
        /** Someone is already writing this content: wait on {@link #completion()}, or stream from the write. */
        JOINED,
        /** Already stored (perhaps just linked from the same content under another path). */
        STORED
    }

    private final Outcome outcome;
    private final FileWrite write;
    private final CompletableFuture<StoredFile> completion;

    private BeginResult(Outcome outcome, FileWrite write, CompletableFuture<StoredFile> completion) {
        this.outcome = outcome;
        this.write = write;
        this.completion = completion;
    }

    /** The caller owns a new write: it must eventually fill it, or abort or suspend it. */
    public static BeginResult created(FileWrite write, CompletableFuture<StoredFile> completion) {
        return new BeginResult(Outcome.CREATED, Objects.requireNonNull(write, "write"), completion);
    }

    /**
     * The caller joined a write in progress: it may observe it (stream with
     * {@link FileWrite#openReader} and {@link FileWrite#whenAvailable}) and even add bytes, but the
     * creator owns it; a joiner that aborts or suspends it fails everyone's wait.
     */
    public static BeginResult joined(FileWrite write, CompletableFuture<StoredFile> completion) {
        return new BeginResult(Outcome.JOINED, Objects.requireNonNull(write, "write"), completion);
    }

    public static BeginResult stored(StoredFile file) {
        return new BeginResult(Outcome.STORED, null, CompletableFuture.completedFuture(file));
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The write for {@code CREATED} and {@code JOINED}; empty for {@code STORED}. */
    public Optional<FileWrite> write() {
        return Optional.ofNullable(write);
    }

    /**
     * Completes with the stored file under the caller's own key (host and path), which may differ
     * from the key the write was begun with when the same content was asked for under two paths.
     */
    public CompletableFuture<StoredFile> completion() {
        return completion;
    }

    @Override
    public String toString() {
        return "BeginResult[" + outcome + "]";
    }
}
