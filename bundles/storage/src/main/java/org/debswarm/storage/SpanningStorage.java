package org.debswarm.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Storage for standard BitTorrent content (BEP 3): files laid end to end, cut into pieces of a
 * fixed length verified by SHA-1, a piece possibly spanning several files. Used to check the peer
 * wire against ordinary clients; Debswarm's own torrents use {@link PieceStore} (one piece = one
 * file, SHA-256).
 *
 * <p>Offsets are in the torrent's byte space (the files concatenated). Files are created at their
 * full length (sparse) under {@code <data>/torrents/<name>/}. Which pieces are had is not
 * persisted: after a restart the caller rechecks with {@link #verifyPiece}. Thread-safe.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3</a>
 */
@ProviderType
public interface SpanningStorage extends Closeable {

    /** Total length: the sum of the file lengths. */
    long length();

    int pieceLength();

    int pieceCount();

    /** Length of piece {@code index} (the last one may be shorter). */
    int lengthOfPiece(int index);

    /**
     * Writes {@code src} at {@code offset}, across file boundaries. Consumes {@code src}.
     *
     * @throws IllegalArgumentException if the range is outside {@code [0, length())}
     */
    void writeAt(long offset, ByteBuffer src) throws IOException;

    /**
     * Reads {@code dst.remaining()} bytes at {@code offset}, across file boundaries.
     *
     * @throws IllegalArgumentException if the range is outside {@code [0, length())}
     */
    void readAt(long offset, ByteBuffer dst) throws IOException;

    /**
     * Hashes piece {@code index} as stored and compares it with {@code sha1} (20 bytes, from the
     * info dictionary's {@code pieces}).
     */
    boolean verifyPiece(int index, byte[] sha1) throws IOException;
}
