package org.debswarm.peerwire.internal.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The BEP 3 bitfield message: piece 0 is the high bit of the first byte. Its length and spare bits are checked
 * against the torrent by {@link MessageDecoder}, which knows the piece count.
 */
record Bitfield(byte[] bits) implements Message {

    public Bitfield {
        bits = bits.clone();
    }

    /** The bitfield of {@code pieceCount} pieces with the pieces of {@code have} set. */
    public static Bitfield of(BitSet have, int pieceCount) {
        byte[] bits = new byte[(pieceCount + 7) >>> 3];
        for (int p = have.nextSetBit(0); p >= 0 && p < pieceCount; p = have.nextSetBit(p + 1)) {
            bits[p >>> 3] |= (byte) (0x80 >>> (p & 7));
        }
        return new Bitfield(bits);
    }

    @Override
    public byte[] bits() {
        return bits.clone();
    }

    /** The pieces set, as a {@link BitSet} indexed by piece. */
    public BitSet toBitSet() {
        BitSet set = new BitSet(bits.length * 8);
        for (int i = 0; i < bits.length * 8; i++) {
            if ((bits[i >>> 3] & (0x80 >>> (i & 7))) != 0) {
                set.set(i);
            }
        }
        return set;
    }

    @Override
    public int wireLength() {
        return 1 + bits.length;
    }

    // bitfield: <len=0001+X><id=5><bitfield>
    @Override
    public void writeTo(ByteBuffer out) {
        MessageIds.writeHeader(out, 1 + bits.length, MessageIds.BITFIELD);
        out.put(bits);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bitfield b && Arrays.equals(b.bits, bits);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bits);
    }

    @Override
    public String toString() {
        return "Bitfield[" + toBitSet().cardinality() + " pieces in " + bits.length + " bytes]";
    }
}
