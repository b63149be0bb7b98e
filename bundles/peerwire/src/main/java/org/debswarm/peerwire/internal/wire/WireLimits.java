package org.debswarm.peerwire.internal.wire;

/**
 * What a message may be for one torrent: piece indexes below {@link #pieceCount()}, blocks of at most
 * {@link #MAX_BLOCK} bytes (BEP 3: clients close connections asking for more), extended messages of at most
 * {@link #maxExtended()} bytes of payload.
 */
record WireLimits(int pieceCount, int maxExtended) {

    /** Largest block accepted in a request or piece message: 128 KiB. */
    public static final int MAX_BLOCK = 128 * 1024;
    /** Default limit of an extended message's payload. */
    public static final int DEFAULT_MAX_EXTENDED = 64 * 1024;

    public WireLimits {
        if (pieceCount < 0 || maxExtended < 0) {
            throw new IllegalArgumentException("piece count " + pieceCount + ", extended " + maxExtended
                    + " (expected: >= 0)");
        }
    }

    public static WireLimits forPieces(int pieceCount) {
        return new WireLimits(pieceCount, DEFAULT_MAX_EXTENDED);
    }

    /** Bytes of this torrent's bitfield. */
    public int bitfieldBytes() {
        return (pieceCount + 7) >>> 3;
    }

    /** Largest value of a length prefix. */
    public int maxFrame() {
        return Math.max(9 + MAX_BLOCK, Math.max(1 + bitfieldBytes(), 2 + maxExtended));
    }
}
