package org.debswarm.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A file being written: one per content (SHA-256), shared by everyone who asked for it.
 *
 * <p>Bytes may arrive in any order, from any number of threads: sequentially from a mirror
 * ({@link #appender}) or as 16 KiB blocks from several peers ({@link #writeAt}). Bytes already
 * present are never written again, so duplicate blocks (BEP 3 end game) and overlapping sources
 * are harmless. When the last missing byte arrives the store verifies the whole file against its
 * SHA-256 on its own thread, moves it into place atomically and completes {@link #completion()};
 * a mismatch deletes the partial file and completes it with a {@link VerificationException}.
 * Nothing is served from a write that has not completed, except through {@link #openReader()} to
 * a caller that streams bytes as they arrive (and cuts its response if completion fails).
 *
 * <p>Callbacks on the futures run on the thread that completes them (often the store's I/O
 * thread): keep them short or use the {@code *Async} variants with your own executor.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3 (pieces and blocks)</a>
 */
@ProviderType
public interface FileWrite {

    /** Block size of the peer wire: the unit of {@link #hasBlock} and {@link #blocks()} (16 KiB). */
    int BLOCK_SIZE = 16 * 1024;

    /** The key this write was begun with. */
    FileKey key();

    /** Final length of the file in bytes. */
    long size();

    /**
     * Writes {@code src} at {@code offset}, skipping bytes already present. Thread-safe. Consumes
     * {@code src} entirely. After the write has completed successfully this is a no-op returning 0.
     *
     * @return how many bytes were new
     * @throws IllegalArgumentException if {@code [offset, offset + src.remaining())} is outside the file
     * @throws WriteAbortedException    if the write was aborted, suspended or failed verification
     * @throws IOException              if the disk write failed (those bytes stay missing)
     */
    int writeAt(long offset, ByteBuffer src) throws IOException;

    /**
     * A channel that writes sequentially from {@code position} through {@link #writeAt}, for
     * piping an HTTP body. To resume, start at {@link #available()} (an HTTP {@code Range} request).
     * Closing the channel does not finish or abort the write.
     */
    WritableByteChannel appender(long position);

    /** Length of the unbroken run of bytes present from offset 0: what a reader may stream now. */
    long available();

    /** Total bytes present, in any order. */
    long written();

    /** Number of {@link #BLOCK_SIZE} blocks of the file (the last one may be shorter). */
    int blockCount();

    /** Whether block {@code index} is entirely present. */
    boolean hasBlock(int index);

    /** A snapshot of the blocks entirely present. */
    BitSet blocks();

    /**
     * Completes once {@link #available()} {@code >= min(length, size())}, with the value of
     * {@link #available()} at that moment; completes exceptionally as {@link #completion()} does
     * when the write fails. The event for streaming to a second client without polling.
     */
    CompletableFuture<Long> whenAvailable(long length);

    /**
     * Opens a new read-only channel on the bytes of this file (the partial file while in progress,
     * the stored file after). The caller closes it. Read only below {@link #available()} while
     * the write is in progress; the channel stays valid when the file is moved into place.
     *
     * @throws WriteAbortedException or {@link VerificationException} if the write has failed
     */
    FileChannel openReader() throws IOException;

    /** Completes with the stored file for {@link #key()}, or exceptionally on verification failure or abort. */
    CompletableFuture<StoredFile> completion();

    /** Whether {@link #completion()} is done, successfully or not. */
    boolean isDone();

    /**
     * Gives up this write: deletes the partial file and completes every waiter with a
     * {@link WriteAbortedException} carrying {@code reason}. No effect once done.
     */
    void abort(String reason);

    /**
     * Stops this write but keeps the partial file and the record of its bytes, so a later
     * {@link PieceStore#begin begin} resumes it. Waiters get a {@link WriteAbortedException}.
     */
    void suspend(String reason);
}
