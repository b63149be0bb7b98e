package org.debswarm.peerwire.internal.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The BEP 10 extended message: extended id 0 is the extension handshake ({@link ExtensionHandshake}), other
 * ids are the extensions the receiver announced in its handshake's {@code m} dictionary.
 */
record Extended(int extendedId, byte[] payload) implements Message {

    public Extended {
        if (extendedId < 0 || extendedId > 255) {
            throw new IllegalArgumentException("extended id " + extendedId + " (expected: 0 to 255)");
        }
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public int wireLength() {
        return 2 + payload.length;
    }

    // extended: <len=0002+X><id=20><extended id><payload>
    @Override
    public void writeTo(ByteBuffer out) {
        MessageIds.writeHeader(out, 2 + payload.length, MessageIds.EXTENDED);
        out.put((byte) extendedId).put(payload);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Extended e && e.extendedId == extendedId && Arrays.equals(e.payload, payload);
    }

    @Override
    public int hashCode() {
        return 31 * extendedId + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Extended[" + extendedId + ", " + payload.length + " bytes]";
    }
}
