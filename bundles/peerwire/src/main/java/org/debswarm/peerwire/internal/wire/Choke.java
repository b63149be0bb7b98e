package org.debswarm.peerwire.internal.wire;

import java.nio.ByteBuffer;

/** The BEP 3 choke message; it has no payload, so {@link #INSTANCE} is the only value needed. */
record Choke() implements Message {

    public static final Choke INSTANCE = new Choke();

    @Override
    public int wireLength() {
        return 1;
    }

    // choke: <len=0001><id=0>
    @Override
    public void writeTo(ByteBuffer out) {
        MessageIds.writeHeader(out, 1, MessageIds.CHOKE);
    }
}
