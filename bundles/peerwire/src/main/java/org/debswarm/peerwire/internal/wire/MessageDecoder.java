package org.debswarm.peerwire.internal.wire;

import java.nio.ByteBuffer;
import java.util.BitSet;

/**
 * Reads the messages of one connection, after the handshake. {@link #decode} never blocks: it is given all
 * unconsumed bytes and returns how many the next message took (0: need more), leaving the buffer's position
 * alone. A length prefix or id that cannot be right is refused as soon as its bytes arrive, before the
 * payload is buffered. Where a bitfield may come is the swarm's to judge (see {@code Swarm}): aria2, for one,
 * sends a bitfield in place of a batch of haves. One instance per connection; not thread-safe.
 * <p>
 * A message read is told to a {@link MessageHandler}, without building a message value; a piece's block is a
 * view of the buffer given to {@link #decode}, not a copy, valid during the handler's call (the swarm writes it
 * to storage at once).
 */
public final class MessageDecoder {

    private final WireLimits limits;

    /** A decoder for a torrent of {@code pieceCount} pieces, extended messages of at most 64 KiB. */
    public MessageDecoder(int pieceCount) {
        this(WireLimits.forPieces(pieceCount));
    }

    MessageDecoder(WireLimits limits) {
        this.limits = limits;
    }

    /**
     * Reads the message at {@code in.position()}, if it is all there, and tells it to {@code handler}; leaves the
     * position alone.
     *
     * @return bytes of the message read, or 0 if it is not all there yet (the handler was not called)
     * @throws PeerWireException if the bytes cannot be a valid message for this torrent, or the handler refused it
     */
    public int decode(ByteBuffer in, MessageHandler handler) throws PeerWireException {
        int at = in.position();
        if (in.remaining() < 4) {
            return 0;
        }
        long length = Integer.toUnsignedLong(in.getInt(at));
        if (length == 0) {
            handler.keepAlive();
            return 4;
        }
        if (length > limits.maxFrame()) {
            throw new PeerWireException("length " + length + " (expected: <= " + limits.maxFrame() + ")");
        }
        if (in.remaining() < 5) {
            return 0;
        }
        int id = in.get(at + 4) & 0xff;
        checkLength(id, (int) length);
        if (in.remaining() < 4 + length) {
            return 0;
        }
        read(id, in.duplicate().position(at + 5).limit(at + 4 + (int) length).slice(), handler);
        return 4 + (int) length;
    }

    private void checkLength(int id, int length) throws PeerWireException {
        switch (id) {
            case MessageIds.CHOKE, MessageIds.UNCHOKE, MessageIds.INTERESTED, MessageIds.NOT_INTERESTED ->
                    expect(id, length, 1);
            case MessageIds.HAVE -> expect(id, length, 5);
            case MessageIds.REQUEST, MessageIds.CANCEL -> expect(id, length, 13);
            case MessageIds.BITFIELD -> expect(id, length, 1 + limits.bitfieldBytes());
            case MessageIds.PIECE -> {
                if (length < 10 || length > 9 + WireLimits.MAX_BLOCK) {
                    throw new PeerWireException("piece length " + length + " (expected: 10 to "
                            + (9 + WireLimits.MAX_BLOCK) + ")");
                }
            }
            case MessageIds.EXTENDED -> {
                if (length < 2 || length > 2 + limits.maxExtended()) {
                    throw new PeerWireException("extended length " + length + " (expected: 2 to "
                            + (2 + limits.maxExtended()) + ")");
                }
            }
            default -> throw new PeerWireException("message id " + id + " (expected: 0 to 8 or 20)");
        }
    }

    private static void expect(int id, int length, int expected) throws PeerWireException {
        if (length != expected) {
            throw new PeerWireException(name(id) + " length " + length + " (expected: " + expected + ")");
        }
    }

    private void read(int id, ByteBuffer payload, MessageHandler handler) throws PeerWireException {
        switch (id) {
            case MessageIds.CHOKE -> handler.choke();
            case MessageIds.UNCHOKE -> handler.unchoke();
            case MessageIds.INTERESTED -> handler.interested();
            case MessageIds.NOT_INTERESTED -> handler.notInterested();
            case MessageIds.HAVE -> handler.have(piece("have", payload.getInt()));
            case MessageIds.BITFIELD -> handler.bitfield(bitfield(payload));
            case MessageIds.REQUEST -> handler.request(block("request", payload));
            case MessageIds.CANCEL -> handler.cancel(block("cancel", payload));
            case MessageIds.PIECE -> {
                int piece = piece("piece", payload.getInt());
                int begin = begin("piece", payload.getInt());
                handler.piece(piece, begin, payload.asReadOnlyBuffer());
            }
            default -> {
                int extendedId = payload.get() & 0xff;
                byte[] bytes = new byte[payload.remaining()];
                payload.get(bytes);
                handler.extended(extendedId, bytes);
            }
        }
    }

    private BlockRef block(String what, ByteBuffer payload) throws PeerWireException {
        int piece = piece(what, payload.getInt());
        int begin = begin(what, payload.getInt());
        int length = payload.getInt();
        if (length <= 0 || length > WireLimits.MAX_BLOCK) {
            throw new PeerWireException(what + " length " + Integer.toUnsignedString(length) + " (expected: 1 to "
                    + WireLimits.MAX_BLOCK + ")");
        }
        return new BlockRef(piece, begin, length);
    }

    private int piece(String what, int piece) throws PeerWireException {
        if (piece < 0 || piece >= limits.pieceCount()) {
            throw new PeerWireException(what + " piece " + Integer.toUnsignedString(piece) + " (expected: < "
                    + limits.pieceCount() + ")");
        }
        return piece;
    }

    private static int begin(String what, int begin) throws PeerWireException {
        if (begin < 0) {
            throw new PeerWireException(what + " begin " + Integer.toUnsignedString(begin) + " (expected: < 2^31)");
        }
        return begin;
    }

    // piece 0 is the high bit of the first byte; BitSet.valueOf would read the low bit first
    private BitSet bitfield(ByteBuffer payload) throws PeerWireException {
        int spare = payload.remaining() * 8 - limits.pieceCount();
        int last = payload.remaining() - 1;
        if (spare > 0 && (payload.get(last) & ((1 << spare) - 1)) != 0) {
            throw new PeerWireException("bitfield spare bits set (expected: zero after piece "
                    + (limits.pieceCount() - 1) + ")");
        }
        BitSet pieces = new BitSet(limits.pieceCount());
        for (int i = 0; i <= last; i++) {
            int bits = payload.get(i);
            for (int b = 0; b < 8 && bits != 0; b++) {
                if ((bits & (0x80 >>> b)) != 0) {
                    pieces.set(i * 8 + b);
                }
            }
        }
        return pieces;
    }

    private static String name(int id) {
        return switch (id) {
            case MessageIds.CHOKE -> "choke";
            case MessageIds.UNCHOKE -> "unchoke";
            case MessageIds.INTERESTED -> "interested";
            case MessageIds.NOT_INTERESTED -> "not interested";
            case MessageIds.HAVE -> "have";
            case MessageIds.BITFIELD -> "bitfield";
            case MessageIds.REQUEST -> "request";
            default -> "cancel";
        };
    }
}
