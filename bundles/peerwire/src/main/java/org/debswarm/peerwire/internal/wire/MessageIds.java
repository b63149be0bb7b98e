package org.debswarm.peerwire.internal.wire;

/** Message ids of BEP 3 and BEP 10. */
final class MessageIds {

    static final int CHOKE = 0;
    static final int UNCHOKE = 1;
    static final int INTERESTED = 2;
    static final int NOT_INTERESTED = 3;
    static final int HAVE = 4;
    static final int BITFIELD = 5;
    static final int REQUEST = 6;
    static final int PIECE = 7;
    static final int CANCEL = 8;
    static final int EXTENDED = 20;

    private MessageIds() {
    }

    static void writeHeader(java.nio.ByteBuffer out, int length, int id) {
        out.putInt(length).put((byte) id);
    }

    static int checkIndex(String what, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(what + " " + Integer.toUnsignedString(value) + " (expected: < 2^31)");
        }
        return value;
    }
}
