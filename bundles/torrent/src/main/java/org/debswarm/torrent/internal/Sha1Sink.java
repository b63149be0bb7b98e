package org.debswarm.torrent.internal;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * An output stream that only feeds SHA-1, buffered and unsynchronised: the bencoder writes byte by byte,
 * and a synchronised BufferedOutputStream would cost a lock per byte for a 10 MB file list.
 */
final class Sha1Sink extends OutputStream {

    private final MessageDigest sha1 = newSha1();
    private final byte[] buffer = new byte[8192];
    private int filled;

    static MessageDigest newSha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }

    @Override
    public void write(int b) {
        if (filled == buffer.length) {
            flush();
        }
        buffer[filled++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        flush();
        sha1.update(bytes, offset, length);
    }

    @Override
    public void flush() {
        sha1.update(buffer, 0, filled);
        filled = 0;
    }

    /** The digest of everything written; resets the sink. */
    byte[] digest() {
        flush();
        return sha1.digest();
    }
}
