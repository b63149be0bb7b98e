package org.debswarm.peerwire.internal.wire;

import java.nio.ByteBuffer;

/** The BEP 3 not interested message; it has no payload, so {@link #INSTANCE} is the only value needed. */
record NotInterested() implements Message {

    public static final NotInterested INSTANCE = new NotInterested();

    @Override
    public int wireLength() {
        return 1;
    }

    // not interested: <len=0001><id=3>
    @Override
    public void writeTo(ByteBuffer out) {
        MessageIds.writeHeader(out, 1, MessageIds.NOT_INTERESTED);
    }
}
