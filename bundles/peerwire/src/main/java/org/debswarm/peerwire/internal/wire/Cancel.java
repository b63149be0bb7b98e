package org.debswarm.peerwire.internal.wire;

import java.nio.ByteBuffer;

/** The BEP 3 cancel message: withdraws an earlier request for the same block (used in endgame). */
record Cancel(int piece, int begin, int length) implements Message {

    public Cancel {
        BlockRef.check(piece, begin, length);
    }

    @Override
    public int wireLength() {
        return 13;
    }

    // cancel: <len=0013><id=8><index><begin><length>
    @Override
    public void writeTo(ByteBuffer out) {
        MessageIds.writeHeader(out, 13, MessageIds.CANCEL);
        out.putInt(piece).putInt(begin).putInt(length);
    }
}
