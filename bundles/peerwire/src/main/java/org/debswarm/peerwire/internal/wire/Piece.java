package org.debswarm.peerwire.internal.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** The BEP 3 piece message: a block of data. The array is copied in and out, so the value stays immutable. */
public record Piece(int piece, int begin, byte[] block) implements Message {

    /** Bytes of the message before the block, length prefix included. */
    public static final int HEADER = 13;

    public Piece {
        BlockRef.check(piece, begin, block.length);
        if (block.length > WireLimits.MAX_BLOCK) {
            throw new IllegalArgumentException("block length " + block.length + " (expected: <= "
                    + WireLimits.MAX_BLOCK + ")");
        }
        block = block.clone();
    }

    @Override
    public byte[] block() {
        return block.clone();
    }

    /** The block as a read-only buffer, without copying. */
    public ByteBuffer data() {
        return ByteBuffer.wrap(block).asReadOnlyBuffer();
    }

    public BlockRef ref() {
        return new BlockRef(piece, begin, block.length);
    }

    @Override
    public int wireLength() {
        return 9 + block.length;
    }

    // piece: <len=0009+X><id=7><index><begin><block>
    @Override
    public void writeTo(ByteBuffer out) {
        writeHeader(out, piece, begin, block.length);
        out.put(block);
    }

    /** The 13 bytes before a block, for uploads that send the block itself straight from a file. */
    public static void writeHeader(ByteBuffer out, int piece, int begin, int blockLength) {
        MessageIds.writeHeader(out, 9 + blockLength, MessageIds.PIECE);
        out.putInt(piece).putInt(begin);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Piece p && p.piece == piece && p.begin == begin && Arrays.equals(p.block, block);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * piece + begin) + Arrays.hashCode(block);
    }

    @Override
    public String toString() {
        return "Piece[" + piece + ", " + begin + ", " + block.length + " bytes]";
    }
}
