package org.debswarm.peerwire.internal.wire;

import java.nio.ByteBuffer;

/** The BEP 3 have message: the sender has verified piece {@code piece}. */
record Have(int piece) implements Message {

    public Have {
        MessageIds.checkIndex("piece", piece);
    }

    @Override
    public int wireLength() {
        return 5;
    }

    // have: <len=0005><id=4><piece index>
    @Override
    public void writeTo(ByteBuffer out) {
        MessageIds.writeHeader(out, 5, MessageIds.HAVE);
        out.putInt(piece);
    }
}
