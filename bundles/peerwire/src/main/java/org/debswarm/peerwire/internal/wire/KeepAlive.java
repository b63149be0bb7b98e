package org.debswarm.peerwire.internal.wire;

import java.nio.ByteBuffer;

/** The BEP 3 keep-alive message; it has no payload, so {@link #INSTANCE} is the only value needed. */
record KeepAlive() implements Message {

    public static final KeepAlive INSTANCE = new KeepAlive();

    @Override
    public int wireLength() {
        return 0;
    }

    // keep-alive: <len=0000>
    @Override
    public void writeTo(ByteBuffer out) {
        out.putInt(0);
    }
}
