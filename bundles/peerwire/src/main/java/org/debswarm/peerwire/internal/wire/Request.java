package org.debswarm.peerwire.internal.wire;

import java.nio.ByteBuffer;

/** The BEP 3 request message: send {@code length} bytes of piece {@code piece} from offset {@code begin}. */
record Request(int piece, int begin, int length) implements Message {

    public Request {
        BlockRef.check(piece, begin, length);
    }

    @Override
    public int wireLength() {
        return 13;
    }

    // request: <len=0013><id=6><index><begin><length>
    @Override
    public void writeTo(ByteBuffer out) {
        MessageIds.writeHeader(out, 13, MessageIds.REQUEST);
        out.putInt(piece).putInt(begin).putInt(length);
    }
}
