package org.debswarm.torrent;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A fixed-size set of piece indexes, safe for concurrent use without locks: which pieces of a torrent are
 * wanted, which are had. {@link #toBitfield()} gives the layout of the BEP 3 {@code bitfield} message.
 */
public final class PieceBits {

    private final int size;
    private final AtomicLongArray words;

    /** An empty set for pieces 0 to {@code size - 1}. */
    public PieceBits(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size " + size + " (expected: >= 0)");
        }
        this.size = size;
        this.words = new AtomicLongArray((size + 63) >>> 6);
    }

    /** Number of pieces this set can hold. */
    public int size() {
        return size;
    }

    public boolean get(int piece) {
        check(piece);
        return (words.get(piece >>> 6) & (1L << piece)) != 0;
    }

    /** Adds a piece; true if it was not in the set. */
    public boolean set(int piece) {
        check(piece);
        long bit = 1L << piece;
        return (words.getAndUpdate(piece >>> 6, w -> w | bit) & bit) == 0;
    }

    /** Removes a piece; true if it was in the set. */
    public boolean clear(int piece) {
        check(piece);
        long bit = 1L << piece;
        return (words.getAndUpdate(piece >>> 6, w -> w & ~bit) & bit) != 0;
    }

    /** Number of pieces in the set. */
    public int cardinality() {
        int count = 0;
        for (int i = 0; i < words.length(); i++) {
            count += Long.bitCount(words.get(i));
        }
        return count;
    }

    /** The first piece in the set at or after {@code from}, or -1 if there is none (or {@code from >= size()}). */
    public int nextSetBit(int from) {
        if (from < 0) {
            throw new IndexOutOfBoundsException("from " + from + " (expected: >= 0)");
        }
        for (int w = from >>> 6; w < words.length(); w++) {
            long word = words.get(w) & (w == from >>> 6 ? -1L << from : -1L);
            if (word != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(word);
            }
        }
        return -1;
    }

    /** The BEP 3 bitfield: piece 0 is the high bit of the first byte; spare bits are zero. */
    public byte[] toBitfield() {
        byte[] field = new byte[(size + 7) >>> 3];
        for (int piece = nextSetBit(0); piece >= 0; piece = nextSetBit(piece + 1)) {
            field[piece >>> 3] |= (byte) (0x80 >>> (piece & 7));
        }
        return field;
    }

    private void check(int piece) {
        if (piece < 0 || piece >= size) {
            throw new IndexOutOfBoundsException("piece " + piece + " (expected: 0 to " + (size - 1) + ")");
        }
    }

    @Override
    public String toString() {
        return "PieceBits[" + cardinality() + " of " + size + "]";
    }
}
