package org.debswarm.storage.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;

/**
 * The SHA-256 of a file being written, fed with bytes as they arrive in order, so a sequential
 * download is verified without reading it back. Bytes that arrive out of order are hashed from
 * disk at the end. Relies on its owner never writing a byte twice. Not thread-safe.
 */
final class IncrementalDigest {

    private final MessageDigest digest = FileChecks.sha256();
    private long hashedUpTo;

    /** Hashes {@code bytes} now if they are the next ones in order; otherwise they wait for {@link #finish}. */
    void offer(long position, ByteBuffer bytes) {
        if (position == hashedUpTo) {
            hashedUpTo += bytes.remaining();
            digest.update(bytes);
        }
    }

    /** Hashes the rest of the file from {@code channel} and returns the SHA-256 in lower-case hex. */
    String finish(FileChannel channel, long size) throws IOException {
        FileChecks.update(digest, channel, hashedUpTo, size);
        hashedUpTo = size;
        return FileChecks.hex(digest.digest());
    }
}
