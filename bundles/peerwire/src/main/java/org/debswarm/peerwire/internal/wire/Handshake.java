package org.debswarm.peerwire.internal.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.debswarm.torrent.InfoHash;

/**
 * The BEP 3 handshake. Reserved byte 5 bit {@code 0x10} announces the BEP 10 extension protocol, which
 * Debswarm always sets.
 */
public record Handshake(byte[] reserved, InfoHash infoHash, byte[] peerId) {

    /** Bytes of a handshake on the wire. */
    public static final int LENGTH = 68;
    static final byte[] PROTOCOL = "BitTorrent protocol".getBytes(StandardCharsets.US_ASCII);
    private static final int EXTENSION_BYTE = 5;
    private static final int EXTENSION_BIT = 0x10;

    public Handshake {
        if (reserved.length != 8 || peerId.length != 20) {
            throw new IllegalArgumentException("reserved " + reserved.length + " bytes, peer id " + peerId.length
                    + " bytes (expected: 8 and 20)");
        }
        reserved = reserved.clone();
        peerId = peerId.clone();
    }

    /** Debswarm's own handshake: the extension bit set, nothing else reserved. */
    public static Handshake of(InfoHash infoHash, byte[] peerId) {
        byte[] reserved = new byte[8];
        reserved[EXTENSION_BYTE] = EXTENSION_BIT;
        return new Handshake(reserved, infoHash, peerId);
    }

    public boolean supportsExtensions() {
        return (reserved[EXTENSION_BYTE] & EXTENSION_BIT) != 0;
    }

    @Override
    public byte[] reserved() {
        return reserved.clone();
    }

    @Override
    public byte[] peerId() {
        return peerId.clone();
    }

    // handshake: <pstrlen=19><pstr="BitTorrent protocol"><reserved: 8><info_hash: 20><peer_id: 20>
    public void writeTo(ByteBuffer out) {
        out.put((byte) PROTOCOL.length).put(PROTOCOL).put(reserved).put(infoHash.toByteArray()).put(peerId);
    }

    public ByteBuffer toBuffer() {
        ByteBuffer out = ByteBuffer.allocate(LENGTH);
        writeTo(out);
        return out.flip();
    }

    /**
     * Reads a handshake at {@code in.position()} without moving it. The protocol string is checked byte by
     * byte as it arrives, so a peer speaking another protocol is refused at its first wrong byte.
     *
     * @return {@link #LENGTH} and the handshake in {@code out[0]}, or 0 if more bytes are needed
     */
    public static int decode(ByteBuffer in, Handshake[] out) throws PeerWireException {
        int at = in.position();
        int available = Math.min(in.remaining(), 1 + PROTOCOL.length);
        if (available > 0 && in.get(at) != PROTOCOL.length) {
            throw new PeerWireException("handshake protocol length " + (in.get(at) & 0xff) + " (expected: 19)");
        }
        for (int i = 1; i < available; i++) {
            if (in.get(at + i) != PROTOCOL[i - 1]) {
                throw new PeerWireException("handshake protocol byte " + (in.get(at + i) & 0xff) + " at " + i
                        + " (expected: \"BitTorrent protocol\")");
            }
        }
        if (in.remaining() < LENGTH) {
            return 0;
        }
        byte[] bytes = new byte[LENGTH];
        in.duplicate().get(bytes);
        out[0] = new Handshake(Arrays.copyOfRange(bytes, 20, 28), InfoHash.of(Arrays.copyOfRange(bytes, 28, 48)),
                Arrays.copyOfRange(bytes, 48, 68));
        return LENGTH;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Handshake h && Arrays.equals(h.reserved, reserved) && h.infoHash.equals(infoHash)
                && Arrays.equals(h.peerId, peerId);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(reserved) + infoHash.hashCode()) + Arrays.hashCode(peerId);
    }

    @Override
    public String toString() {
        return "Handshake[" + infoHash + ", extensions " + supportsExtensions() + "]";
    }
}
