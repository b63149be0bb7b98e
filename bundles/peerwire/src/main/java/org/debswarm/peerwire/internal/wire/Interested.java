package org.debswarm.peerwire.internal.wire;

import java.nio.ByteBuffer;

/** The BEP 3 interested message; it has no payload, so {@link #INSTANCE} is the only value needed. */
record Interested() implements Message {

    public static final Interested INSTANCE = new Interested();

    @Override
    public int wireLength() {
        return 1;
    }

    // interested: <len=0001><id=2>
    @Override
    public void writeTo(ByteBuffer out) {
        MessageIds.writeHeader(out, 1, MessageIds.INTERESTED);
    }
}
