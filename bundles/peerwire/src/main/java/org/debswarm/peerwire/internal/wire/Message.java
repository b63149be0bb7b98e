package org.debswarm.peerwire.internal.wire;

import java.nio.ByteBuffer;

/**
 * A BEP 3 peer wire message after the handshake: {@code <length prefix><id><payload>}. Every implementation is
 * an immutable value validated in its constructor; {@link MessageDecoder} reads them, {@link #writeTo} writes
 * them.
 */
public sealed interface Message
        permits KeepAlive, Choke, Unchoke, Interested, NotInterested, Have, Bitfield, Request, Piece, Cancel,
        Extended {

    /** Bytes after the 4-byte length prefix (id and payload); 0 for a keep-alive. */
    int wireLength();

    /** Writes the whole message, length prefix included: {@code 4 + wireLength()} bytes. */
    void writeTo(ByteBuffer out);

    /** The message as a new buffer ready to be written to a channel. */
    default ByteBuffer toBuffer() {
        ByteBuffer out = ByteBuffer.allocate(4 + wireLength());
        writeTo(out);
        return out.flip();
    }
}
