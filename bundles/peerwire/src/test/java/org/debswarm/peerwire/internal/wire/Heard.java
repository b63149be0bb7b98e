package org.debswarm.peerwire.internal.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * Test code's vocabulary of the peer wire outside this package, where the message types are private: what a
 * {@link MessageHandler} was told, recorded as values a test can compare ({@link Recorder}), and values a test
 * can tell a handler ({@link #tell}) or send ({@link #message}). A test reads what the swarm or the engine sent
 * by decoding the bytes it wrote ({@link #read}), so it checks what went on the wire.
 */
public sealed interface Heard {

    /** This message, told to {@code handler} as the decoder would tell it. */
    void tell(MessageHandler handler) throws PeerWireException;

    /** This message, to send. */
    Message message();

    /** Every whole message in {@code frames}, for a torrent of {@code pieceCount} pieces. */
    static List<Heard> read(ByteBuffer frames, int pieceCount) throws PeerWireException {
        Recorder recorder = new Recorder(pieceCount);
        MessageDecoder decoder = new MessageDecoder(pieceCount);
        ByteBuffer in = frames.duplicate();
        for (int used = decoder.decode(in, recorder); used > 0; used = decoder.decode(in, recorder)) {
            in.position(in.position() + used);
        }
        return recorder.heard;
    }

    /** What {@code message} says on the wire, read back as a torrent of {@code pieceCount} pieces would. */
    static Heard of(Message message, int pieceCount) {
        try {
            List<Heard> one = read(message.toBuffer(), pieceCount);
            if (one.size() != 1) {
                throw new AssertionError(message + " read as " + one);
            }
            return one.get(0);
        } catch (PeerWireException e) {
            throw new AssertionError(message + " does not read back", e);
        }
    }

    record KeepAlive() implements Heard {
        public static final KeepAlive INSTANCE = new KeepAlive();

        public void tell(MessageHandler h) throws PeerWireException {
            h.keepAlive();
        }

        public Message message() {
            return Message.keepAlive();
        }
    }

    record Choke() implements Heard {
        public static final Choke INSTANCE = new Choke();

        public void tell(MessageHandler h) throws PeerWireException {
            h.choke();
        }

        public Message message() {
            return Message.choke();
        }
    }

    record Unchoke() implements Heard {
        public static final Unchoke INSTANCE = new Unchoke();

        public void tell(MessageHandler h) throws PeerWireException {
            h.unchoke();
        }

        public Message message() {
            return Message.unchoke();
        }
    }

    record Interested() implements Heard {
        public static final Interested INSTANCE = new Interested();

        public void tell(MessageHandler h) throws PeerWireException {
            h.interested();
        }

        public Message message() {
            return Message.interested();
        }
    }

    record NotInterested() implements Heard {
        public static final NotInterested INSTANCE = new NotInterested();

        public void tell(MessageHandler h) throws PeerWireException {
            h.notInterested();
        }

        public Message message() {
            return Message.notInterested();
        }
    }

    record Have(int piece) implements Heard {
        public void tell(MessageHandler h) throws PeerWireException {
            h.have(piece);
        }

        public Message message() {
            return Message.have(piece);
        }
    }

    /** A bitfield of {@code pieceCount} pieces. */
    record Bitfield(BitSet pieces, int pieceCount) implements Heard {
        public Bitfield {
            pieces = (BitSet) pieces.clone();
        }

        public static Bitfield of(BitSet pieces, int pieceCount) {
            return new Bitfield(pieces, pieceCount);
        }

        public BitSet toBitSet() {
            return (BitSet) pieces.clone();
        }

        public void tell(MessageHandler h) throws PeerWireException {
            h.bitfield(toBitSet());
        }

        public Message message() {
            return Message.bitfield(pieces, pieceCount);
        }
    }

    record Request(int piece, int begin, int length) implements Heard {
        public BlockRef block() {
            return new BlockRef(piece, begin, length);
        }

        public void tell(MessageHandler h) throws PeerWireException {
            h.request(block());
        }

        public Message message() {
            return Message.request(block());
        }
    }

    record Cancel(int piece, int begin, int length) implements Heard {
        public BlockRef block() {
            return new BlockRef(piece, begin, length);
        }

        public void tell(MessageHandler h) throws PeerWireException {
            h.cancel(block());
        }

        public Message message() {
            return Message.cancel(block());
        }
    }

    record Piece(int piece, int begin, byte[] block) implements Heard {
        public Piece {
            block = block.clone();
        }

        public void tell(MessageHandler h) throws PeerWireException {
            h.piece(piece, begin, ByteBuffer.wrap(block).asReadOnlyBuffer());
        }

        public Message message() {
            return Message.piece(piece, begin, block);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Piece p && p.piece == piece && p.begin == begin && Arrays.equals(p.block, block);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * piece + begin) + Arrays.hashCode(block);
        }

        @Override
        public String toString() {
            return "Piece[" + piece + ", " + begin + ", " + block.length + " bytes]";
        }
    }

    record Extended(int extendedId, byte[] payload) implements Heard {
        public Extended {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        public void tell(MessageHandler h) throws PeerWireException {
            h.extended(extendedId, payload());
        }

        public Message message() {
            return Message.extended(extendedId, payload);
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

    /** Records what it is told; a piece's block is copied, as it is valid only during the call. */
    final class Recorder implements MessageHandler {

        public final List<Heard> heard = new ArrayList<>();
        private final int pieceCount;

        /** @param pieceCount the torrent's, which bitfields are recorded with */
        public Recorder(int pieceCount) {
            this.pieceCount = pieceCount;
        }

        public void keepAlive() {
            heard.add(KeepAlive.INSTANCE);
        }

        public void choke() {
            heard.add(Choke.INSTANCE);
        }

        public void unchoke() {
            heard.add(Unchoke.INSTANCE);
        }

        public void interested() {
            heard.add(Interested.INSTANCE);
        }

        public void notInterested() {
            heard.add(NotInterested.INSTANCE);
        }

        public void have(int piece) {
            heard.add(new Have(piece));
        }

        public void bitfield(BitSet pieces) {
            heard.add(new Bitfield(pieces, pieceCount));
        }

        public void request(BlockRef b) {
            heard.add(new Request(b.piece(), b.begin(), b.length()));
        }

        public void cancel(BlockRef b) {
            heard.add(new Cancel(b.piece(), b.begin(), b.length()));
        }

        public void piece(int piece, int begin, ByteBuffer block) {
            byte[] copy = new byte[block.remaining()];
            block.duplicate().get(copy);
            heard.add(new Piece(piece, begin, copy));
        }

        public void extended(int extendedId, byte[] payload) {
            heard.add(new Extended(extendedId, payload));
        }
    }
}
