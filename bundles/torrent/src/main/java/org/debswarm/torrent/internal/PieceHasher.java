package org.debswarm.torrent.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * SHA-1 of consecutive pieces of a fixed length over the concatenation of files (BEP 3): a piece may span
 * the end of one file and the start of the next.
 */
final class PieceHasher {

    private final int pieceLength;
    private final MessageDigest sha1 = Sha1Sink.newSha1();
    private final ByteArrayOutputStream pieces = new ByteArrayOutputStream();
    private final byte[] buffer = new byte[64 * 1024];
    private int inPiece;

    PieceHasher(int pieceLength) {
        this.pieceLength = pieceLength;
    }

    /** Hashes the whole file, which must still have {@code expectedLength} bytes. */
    void add(Path file, long expectedLength) throws IOException {
        long read = 0;
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                update(buffer, n);
                read += n;
            }
        }
        if (read != expectedLength) {
            throw new IOException(file + " changed while being hashed: " + read + " bytes (expected: "
                    + expectedLength + ")");
        }
    }

    private void update(byte[] bytes, int length) {
        int at = 0;
        while (at < length) {
            int n = Math.min(length - at, pieceLength - inPiece);
            sha1.update(bytes, at, n);
            inPiece += n;
            at += n;
            if (inPiece == pieceLength) {
                finishPiece();
            }
        }
    }

    private void finishPiece() {
        pieces.writeBytes(sha1.digest());
        inPiece = 0;
    }

    /** The concatenated piece hashes, the last piece being shorter if the data ends within it. */
    byte[] finish() {
        if (inPiece > 0) {
            finishPiece();
        }
        return pieces.toByteArray();
    }
}
