package org.debswarm.peerwire.internal.wire;

import java.nio.ByteBuffer;

/**
 * The BEP 3 piece message: a block of data, copied, so the value stays immutable. Only tests and peers that
 * hold a block in memory send one; uploads write its header ({@link #writeHeader}) and the block from its file,
 * and a received block never becomes a {@code Piece}: the decoder hands the handler a view of its read buffer.
 */
final class Piece implements Message {

    /** Bytes of the message before the block, length prefix included. */
    public static final int HEADER = 13;

    private final int piece;
    private final int begin;
    private final ByteBuffer block;

    Piece(int piece, int begin, byte[] block) {
        this(piece, begin, ByteBuffer.wrap(block.clone()));
    }

    private Piece(int piece, int begin, ByteBuffer block) {
        BlockRef.check(piece, begin, block.remaining());
        if (block.remaining() > WireLimits.MAX_BLOCK) {
            throw new IllegalArgumentException("block length " + block.remaining() + " (expected: <= "
                    + WireLimits.MAX_BLOCK + ")");
        }
        this.piece = piece;
        this.begin = begin;
        this.block = block.asReadOnlyBuffer();
    }

    public int piece() {
        return piece;
    }

    public int begin() {
        return begin;
    }

    @Override
    public int wireLength() {
        return 9 + block.remaining();
    }

    // piece: <len=0009+X><id=7><index><begin><block>
    @Override
    public void writeTo(ByteBuffer out) {
        writeHeader(out, piece, begin, block.remaining());
        out.put(block.duplicate());
    }

    /** The 13 bytes before a block, for uploads that send the block itself straight from a file. */
    static void writeHeader(ByteBuffer out, int piece, int begin, int blockLength) {
        MessageIds.writeHeader(out, 9 + blockLength, MessageIds.PIECE);
        out.putInt(piece).putInt(begin);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Piece p && p.piece == piece && p.begin == begin && p.block.equals(block);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * piece + begin) + block.hashCode();
    }

    @Override
    public String toString() {
        return "Piece[" + piece + ", " + begin + ", " + block.remaining() + " bytes]";
    }
}
