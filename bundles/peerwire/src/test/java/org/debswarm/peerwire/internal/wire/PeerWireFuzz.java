package org.debswarm.peerwire.internal.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Fuzz target (Jazzer, see docs/fuzzing.md): a peer's byte stream. The first two bytes choose the torrent's piece
 * count, the third how many bytes arrive at a time; then a handshake (when the stream starts with 19) and
 * messages, decoded as the connection does, extended messages 0 and 1 parsed as BEP 10 handshakes and mirror
 * fetch notices. Besides "no exception but {@link PeerWireException}": a decoded message written back gives
 * exactly its frame's bytes.
 */
public final class PeerWireFuzz {

    private PeerWireFuzz() {
    }

    public static void fuzzerTestOneInput(byte[] input) {
        if (input.length < 3) {
            return;
        }
        int pieceCount = 1 + (((input[0] & 0xff) << 8) | (input[1] & 0xff));
        int step = 1 + (input[2] & 0x3f);
        try {
            stream(Arrays.copyOfRange(input, 3, input.length), pieceCount, step);
        } catch (PeerWireException expected) {
            // the documented refusal: the connection is closed
        }
    }

    private static void stream(byte[] bytes, int pieceCount, int step) throws PeerWireException {
        ByteBuffer in = ByteBuffer.allocate(bytes.length);
        MessageDecoder decoder = new MessageDecoder(pieceCount);
        boolean handshaking = bytes.length > 0 && bytes[0] == 19;
        for (int fed = 0; fed < bytes.length; ) {
            int n = Math.min(step, bytes.length - fed);
            in.put(bytes, fed, n);
            fed += n;
            in.flip();
            handshaking = drain(in, decoder, handshaking, pieceCount);
            in.compact();
        }
    }

    /** Decodes what is complete in {@code in}; returns whether the handshake is still awaited. */
    private static boolean drain(ByteBuffer in, MessageDecoder decoder, boolean handshaking, int pieceCount)
            throws PeerWireException {
        if (handshaking) {
            Handshake[] out = new Handshake[1];
            int used = Handshake.decode(in, out);
            if (used == 0) {
                return true;
            }
            in.position(in.position() + used);
        }
        WireFeed.Values told = new WireFeed.Values(pieceCount);
        for (int used = decoder.decode(in, told); used > 0; used = decoder.decode(in, told)) {
            byte[] frame = new byte[used];
            in.get(frame);
            Message message = told.remove(0);
            if (!Arrays.equals(message.toBuffer().array(), frame)) {
                throw new IllegalStateException(message + " does not write back to its frame");
            }
            extension(message, pieceCount);
        }
        return false;
    }

    private static void extension(Message message, int pieceCount) throws PeerWireException {
        if (message instanceof Extended e && e.extendedId() == 0) {
            ExtensionHandshake.parse(e.payload());
        } else if (message instanceof Extended e && e.extendedId() == MirrorFetchNotice.LOCAL_ID) {
            MirrorFetchNotice.parse(e.payload(), pieceCount);
        }
    }
}
