package org.debswarm.peerwire.internal.wire;

import java.nio.ByteBuffer;
import java.util.BitSet;

/**
 * A BEP 3 peer wire message to send, after the handshake: {@code <length prefix><id><payload>}. Opaque to its
 * senders: they build one with the factories below (as {@code List.of} builds a list whose class nobody names)
 * and hand it to a connection, which writes it. Every message is an immutable value validated when built; the
 * types behind these factories are private to this package, one per message, each with its wire layout. What
 * arrives is not a {@code Message}: {@link MessageDecoder} calls a {@link MessageHandler} per message instead.
 */
public sealed interface Message
        permits KeepAlive, Choke, Unchoke, Interested, NotInterested, Have, Bitfield, Request, Piece, Cancel,
        Extended {

    /** Bytes of a piece message before its block, length prefix included. */
    int PIECE_HEADER = Piece.HEADER;

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

    static Message keepAlive() {
        return KeepAlive.INSTANCE;
    }

    static Message choke() {
        return Choke.INSTANCE;
    }

    static Message unchoke() {
        return Unchoke.INSTANCE;
    }

    static Message interested() {
        return Interested.INSTANCE;
    }

    static Message notInterested() {
        return NotInterested.INSTANCE;
    }

    /** The sender has verified {@code piece}. */
    static Message have(int piece) {
        return new Have(piece);
    }

    /** The bitfield of a torrent of {@code pieceCount} pieces with the pieces of {@code have} set. */
    static Message bitfield(BitSet have, int pieceCount) {
        return Bitfield.of(have, pieceCount);
    }

    /** A bitfield as its bytes: piece 0 is the high bit of the first byte. */
    static Message bitfield(byte[] bits) {
        return new Bitfield(bits);
    }

    static Message request(BlockRef block) {
        return new Request(block.piece(), block.begin(), block.length());
    }

    static Message cancel(BlockRef block) {
        return new Cancel(block.piece(), block.begin(), block.length());
    }

    /**
     * A piece message carrying a copy of {@code block}. Uploads do not build one: they write
     * {@link #writePieceHeader} and send the block straight from its file.
     */
    static Message piece(int piece, int begin, byte[] block) {
        return new Piece(piece, begin, block);
    }

    /** A BEP 10 extended message; the value types of the extensions build theirs ({@code toMessage}). */
    static Message extended(int extendedId, byte[] payload) {
        return new Extended(extendedId, payload);
    }

    /** The {@value #PIECE_HEADER} bytes before a block of {@code blockLength} bytes sent as it is stored. */
    static void writePieceHeader(ByteBuffer out, int piece, int begin, int blockLength) {
        Piece.writeHeader(out, piece, begin, blockLength);
    }
}
