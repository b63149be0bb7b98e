package org.debswarm.peerwire.internal.swarm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.BitSet;

import org.debswarm.torrent.PieceBits;

/**
 * Where a torrent's pieces are written, verified and read from. Verification outcomes are reported to the
 * {@link Listener} on the swarm's thread (through the executor the storage was given). Used on one thread.
 */
public interface PieceStorage {

    /** The outcome of verifying a complete piece. */
    interface Listener {
        void verified(int piece);

        /** {@code cause} is a {@link org.debswarm.storage.VerificationException} when the bytes were wrong. */
        void failed(int piece, Throwable cause);
    }

    int pieceCount();

    /**
     * Pieces from 0 up to this one may be in use; the rest are empty, never had nor wanted. The content swarm's piece
     * count is the most files a node numbers, of which only the numbered ones are in use: snapshots read no further.
     */
    default int piecesInUse() {
        return pieceCount();
    }

    long pieceLength(int piece);

    /** Pieces held verified; live. */
    PieceBits had();

    /**
     * Looks for the piece where it may already be without this swarm's help (the store may know the content
     * under another path); if found, {@link Listener#verified} follows. Does nothing by default.
     */
    default void lookForStored(int piece) throws IOException {
    }

    /**
     * Prepares piece {@code piece} for blocks.
     *
     * @return the 16 KiB blocks already present (resumed), or null if the piece turned out to be stored
     *         already (then {@link Listener#verified} follows)
     */
    BitSet begin(int piece) throws IOException;

    /** Writes a block; when the piece is complete its verification starts. Duplicates are ignored. */
    void writeBlock(int piece, int begin, ByteBuffer data) throws IOException;

    /** A block of a verified piece, for uploading. */
    BlockData read(int piece, int begin, int length) throws IOException;

    /** Releases files; writes in progress are kept for a later resume where the storage can. */
    void close();

    /** Whether a verification failure is the sender's fault (not an abort of the write by someone else). */
    static boolean isBadData(Throwable cause) {
        Throwable t = cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null
                ? cause.getCause() : cause;
        return t instanceof org.debswarm.storage.VerificationException || t instanceof BadPieceException;
    }

    /** A standard torrent's piece whose SHA-1 did not match. */
    final class BadPieceException extends IOException {
        private static final long serialVersionUID = 1L;

        public BadPieceException(String message) {
            super(message);
        }
    }
}
