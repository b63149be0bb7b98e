package org.debswarm.torrent.bencode;

import java.io.IOException;

/**
 * Bencoded input that is malformed, not canonical, or over a {@link BencodeLimits limit}. The message names
 * what was wrong and the offset, relative to the first byte of the value being decoded, and states the
 * expectation, for example {@code string length 9000000 at offset 12 (expected: <= 1048576)}.
 */
public class BencodeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long offset;

    public BencodeException(String problem, long offset, String expected) {
        super(problem + " at offset " + offset + " (expected: " + expected + ")");
        this.offset = offset;
    }

    /** Offset of the offending byte, from the first byte of the value. */
    public long offset() {
        return offset;
    }
}
