package org.debswarm.peerwire.internal.wire;

import java.nio.ByteBuffer;

/**
 * Reads the messages of one connection, after the handshake. {@link #decode} never blocks: it is given all
 * unconsumed bytes and returns how many the next message took (0: need more), leaving the buffer's position
 * alone. A length prefix or id that cannot be right is refused as soon as its bytes arrive, before the
 * payload is buffered. Where a bitfield may come is the swarm's to judge (see {@code Swarm}): aria2, for one,
 * sends a bitfield in place of a batch of haves. One instance per connection; not thread-safe.
 * <p>
 * A {@link Piece} it reads is a view of the buffer given to {@link #decode}, not a copy: the caller handles it
 * before it reuses those bytes (the connection hands it to the swarm, which writes it to storage at once).
 */
public final class MessageDecoder {

    private final WireLimits limits;
    private Message message;

    public MessageDecoder(WireLimits limits) {
        this.limits = limits;
    }

    /** The message the last successful {@link #decode} read. */
    public Message message() {
        return message;
    }

    /**
     * @return bytes of the message at {@code in.position()}, or 0 if it is not all there yet
     * @throws PeerWireException if the bytes cannot be a valid message for this torrent
     */
    public int decode(ByteBuffer in) throws PeerWireException {
        int at = in.position();
        if (in.remaining() < 4) {
            return 0;
        }
        long length = Integer.toUnsignedLong(in.getInt(at));
        if (length == 0) {
            message = KeepAlive.INSTANCE;
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
        message = read(id, in.duplicate().position(at + 5).limit(at + 4 + (int) length).slice());
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

    private Message read(int id, ByteBuffer payload) throws PeerWireException {
        return switch (id) {
            case MessageIds.CHOKE -> Choke.INSTANCE;
            case MessageIds.UNCHOKE -> Unchoke.INSTANCE;
            case MessageIds.INTERESTED -> Interested.INSTANCE;
            case MessageIds.NOT_INTERESTED -> NotInterested.INSTANCE;
            case MessageIds.HAVE -> new Have(piece("have", payload.getInt()));
            case MessageIds.BITFIELD -> bitfield(payload);
            case MessageIds.REQUEST -> {
                BlockRef b = block("request", payload);
                yield new Request(b.piece(), b.begin(), b.length());
            }
            case MessageIds.CANCEL -> {
                BlockRef b = block("cancel", payload);
                yield new Cancel(b.piece(), b.begin(), b.length());
            }
            case MessageIds.PIECE -> {
                int piece = piece("piece", payload.getInt());
                int begin = begin("piece", payload.getInt());
                yield Piece.borrowing(piece, begin, payload);
            }
            default -> {
                int extendedId = payload.get() & 0xff;
                byte[] bytes = new byte[payload.remaining()];
                payload.get(bytes);
                yield new Extended(extendedId, bytes);
            }
        };
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

    private Bitfield bitfield(ByteBuffer payload) throws PeerWireException {
        byte[] bits = new byte[payload.remaining()];
        payload.get(bits);
        int spare = bits.length * 8 - limits.pieceCount();
        if (spare > 0 && (bits[bits.length - 1] & ((1 << spare) - 1)) != 0) {
            throw new PeerWireException("bitfield spare bits set (expected: zero after piece "
                    + (limits.pieceCount() - 1) + ")");
        }
        return new Bitfield(bits);
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
