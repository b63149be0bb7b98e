package org.debswarm.peerwire.internal.wire;

import java.nio.ByteBuffer;

/** The BEP 3 unchoke message; it has no payload, so {@link #INSTANCE} is the only value needed. */
record Unchoke() implements Message {

    public static final Unchoke INSTANCE = new Unchoke();

    @Override
    public int wireLength() {
        return 1;
    }

    // unchoke: <len=0001><id=1>
    @Override
    public void writeTo(ByteBuffer out) {
        MessageIds.writeHeader(out, 1, MessageIds.UNCHOKE);
    }
}
