package org.debswarm.peerwire.internal.wire;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Feeds wire bytes to a fresh decoder whole and byte by byte, and checks that both agree. */
final class WireFeed {

    static final WireLimits LIMITS = new WireLimits(10, 1024);

    private WireFeed() {
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** The payload of an extension's message. */
    static byte[] payload(Message m) {
        return ((Extended) m).payload();
    }

    static byte[] bytes(Message m) {
        ByteBuffer b = m.toBuffer();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** Decodes whole and byte by byte; asserts both read the same messages and every byte. */
    static List<Message> decode(byte[] data) throws PeerWireException {
        List<Message> whole = whole(data);
        assertEquals("byte by byte", whole, byteByByte(data));
        return whole;
    }

    static List<Message> whole(byte[] data) throws PeerWireException {
        MessageDecoder decoder = new MessageDecoder(LIMITS);
        ByteBuffer in = ByteBuffer.wrap(data);
        Values out = new Values(LIMITS.pieceCount());
        for (int used = decoder.decode(in, out); used > 0; used = decoder.decode(in, out)) {
            in.position(in.position() + used);
        }
        assertEquals("bytes left over", 0, in.remaining());
        return out;
    }

    /** As a socket delivering one byte at a time into a buffer that keeps what was not consumed. */
    static List<Message> byteByByte(byte[] data) throws PeerWireException {
        MessageDecoder decoder = new MessageDecoder(LIMITS);
        ByteBuffer in = ByteBuffer.wrap(data).limit(0);
        Values out = new Values(LIMITS.pieceCount());
        while (in.limit() < data.length) {
            in.limit(in.limit() + 1);
            for (int used = decoder.decode(in, out); used > 0; used = decoder.decode(in, out)) {
                in.position(in.position() + used);
            }
        }
        assertEquals("bytes left over", 0, in.remaining());
        return out;
    }

    /** Asserts that decoding fails, whole and byte by byte, with the same message; returns it. */
    static String failure(byte[] data) {
        String whole = message(() -> whole(data));
        assertEquals("byte by byte", whole, message(() -> byteByByte(data)));
        return whole;
    }

    /** How many bytes a byte-by-byte feed took before the decoder refused them. */
    static int failsAfter(byte[] data) {
        MessageDecoder decoder = new MessageDecoder(LIMITS);
        ByteBuffer in = ByteBuffer.wrap(data).limit(0);
        try {
            Values out = new Values(LIMITS.pieceCount());
            while (in.limit() < data.length) {
                in.limit(in.limit() + 1);
                for (int used = decoder.decode(in, out); used > 0; used = decoder.decode(in, out)) {
                    in.position(in.position() + used);
                }
            }
        } catch (PeerWireException e) {
            return in.limit();
        }
        throw new AssertionError("no failure");
    }

    /**
     * What a decoder tells, as the message values of this package, so a codec test compares values with what
     * was encoded. A piece's block is copied, as it is valid only during the call.
     */
    static class Values extends ArrayList<Message> implements MessageHandler {

        private static final long serialVersionUID = 1L;
        private final int pieceCount;

        Values(int pieceCount) {
            this.pieceCount = pieceCount;
        }

        public void keepAlive() {
            add(KeepAlive.INSTANCE);
        }

        public void choke() {
            add(Choke.INSTANCE);
        }

        public void unchoke() {
            add(Unchoke.INSTANCE);
        }

        public void interested() {
            add(Interested.INSTANCE);
        }

        public void notInterested() {
            add(NotInterested.INSTANCE);
        }

        public void have(int piece) {
            add(new Have(piece));
        }

        public void bitfield(java.util.BitSet pieces) {
            add(Bitfield.of(pieces, pieceCount));
        }

        public void request(BlockRef b) {
            add(new Request(b.piece(), b.begin(), b.length()));
        }

        public void cancel(BlockRef b) {
            add(new Cancel(b.piece(), b.begin(), b.length()));
        }

        public void piece(int piece, int begin, ByteBuffer block) {
            byte[] copy = new byte[block.remaining()];
            block.duplicate().get(copy);
            add(new Piece(piece, begin, copy));
        }

        public void extended(int extendedId, byte[] payload) {
            add(new Extended(extendedId, payload));
        }
    }

    interface Action {
        Object run() throws PeerWireException;
    }

    private static String message(Action action) {
        try {
            action.run();
        } catch (PeerWireException e) {
            return e.getMessage();
        }
        fail("expected a PeerWireException");
        return null;
    }
}
