package org.debswarm.peerwire.internal.wire;

import java.util.Map;
import java.util.SortedMap;

import org.debswarm.torrent.bencode.Bencode;
import org.debswarm.torrent.bencode.BencodeException;
import org.debswarm.torrent.bencode.BencodeLimits;
import org.debswarm.torrent.bencode.ByteString;

/**
 * Debswarm's BEP 10 extension {@value #NAME}: the proof that the sender holds the fleet key, an HMAC-SHA256
 * over both nonces of the connection's extension handshakes, both peer ids and the torrent's on-wire infohash
 * (docs/torrent-format.md, "Fleet key"). The payload is a bencoded dictionary with one key, {@code proof},
 * whose value is the 32 bytes of the HMAC.
 */
public record FleetProof(byte[] proof) {

    /** The extension's name in the {@code m} dictionary of the BEP 10 handshake. */
    public static final String NAME = "ds_fleet";
    /** The id this node receives the extension under. */
    public static final int LOCAL_ID = 3;
    /** Bytes of a proof: an HMAC-SHA256. */
    public static final int BYTES = 32;

    private static final String KEY = "proof";
    private static final BencodeLimits LIMITS = BencodeLimits.DEFAULT.withMaxDepth(2).withMaxStringLength(BYTES)
            .withMaxTotalSize(64).withMaxElements(2);

    public FleetProof {
        if (proof.length != BYTES) {
            throw new IllegalArgumentException("proof of " + proof.length + " bytes (expected: " + BYTES + ")");
        }
        proof = proof.clone();
    }

    @Override
    public byte[] proof() {
        return proof.clone();
    }

    // ds_fleet: <extended id=peer's id><bencoded dictionary {proof: 32 bytes}>
    public Message toMessage(int peersId) {
        return new Extended(peersId, Bencode.encode(Map.of(KEY, proof)));
    }

    /** @throws PeerWireException unless the payload is {@code {proof: <32 bytes>}} */
    public static FleetProof parse(byte[] payload) throws PeerWireException {
        Object value;
        try {
            value = Bencode.decode(payload, LIMITS);
        } catch (BencodeException e) {
            throw new PeerWireException(NAME + ": " + e.getMessage(), e);
        }
        if (!(value instanceof SortedMap<?, ?> dict) || dict.size() != 1
                || !(dict.get(ByteString.utf8(KEY)) instanceof ByteString proof) || proof.length() != BYTES) {
            throw new PeerWireException(NAME + " payload of " + payload.length + " bytes (expected: {proof: "
                    + BYTES + " bytes})");
        }
        return new FleetProof(proof.toByteArray());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FleetProof p && java.util.Arrays.equals(p.proof, proof);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(proof);
    }

    @Override
    public String toString() {
        return "FleetProof[" + BYTES + " bytes]";
    }
}
