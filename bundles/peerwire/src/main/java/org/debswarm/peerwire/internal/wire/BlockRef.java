package org.debswarm.peerwire.internal.wire;

/** A block of a piece: what a request, cancel or piece message refers to. */
public record BlockRef(int piece, int begin, int length) {

    public BlockRef {
        check(piece, begin, length);
    }

    static void check(int piece, int begin, int length) {
        MessageIds.checkIndex("piece", piece);
        MessageIds.checkIndex("begin", begin);
        if (length <= 0) {
            throw new IllegalArgumentException("block length " + Integer.toUnsignedString(length)
                    + " (expected: 1 to " + WireLimits.MAX_BLOCK + ")");
        }
    }
}
