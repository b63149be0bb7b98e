package org.debswarm.peerwire.internal.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.debswarm.torrent.InfoHash;

/**
 * The fleet's shared secret, read from the file the administrator distributes, and the keys derived from it
 * (docs/torrent-format.md, "Fleet key"): the on-wire infohash of a fleet torrent, so that outsiders cannot
 * name the swarm, and the proof each side of a connection gives that it holds the key. Never logged.
 */
public final class FleetKey {

    /** Fewest bytes of secret accepted: 128 bits, written as text (base64 or hex) or raw. */
    public static final int MIN_BYTES = 16;
    /** Most bytes read from the file. */
    public static final int MAX_BYTES = 4096;
    static final String SWARM_LABEL = "debswarm fleet infohash v1";
    static final String PROOF_LABEL = "debswarm fleet proof v1";
    /** The content swarm's label: its id is HMAC(secret, label), or SHA-1(label) without a key. */
    public static final String CONTENT_LABEL = "debswarm content swarm v1";
    private static final String HMAC = "HmacSHA256";

    private final byte[] swarmKey;
    private final byte[] proofKey;
    private final InfoHash contentSwarm;

    private FleetKey(byte[] secret) {
        this.contentSwarm = InfoHash.of(Arrays.copyOf(hmac(secret, CONTENT_LABEL.getBytes(StandardCharsets.US_ASCII)),
                InfoHash.LENGTH));
        this.swarmKey = hmac(secret, SWARM_LABEL.getBytes(StandardCharsets.US_ASCII));
        this.proofKey = hmac(secret, PROOF_LABEL.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Reads the key file: its bytes without trailing whitespace (spaces, tabs, CR, LF) are the secret.
     *
     * @throws IOException if the file cannot be read, or holds fewer than {@value #MIN_BYTES} or more than
     *                     {@value #MAX_BYTES} bytes
     */
    public static FleetKey read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES + 64) {
            throw new IOException("fleet key file " + file + " has " + size + " bytes (expected: <= " + MAX_BYTES
                    + ")");
        }
        return of(Files.readAllBytes(file), file.toString());
    }

    /** The key of a secret given as bytes; trailing whitespace is not part of it. */
    public static FleetKey of(byte[] content, String where) throws IOException {
        int end = content.length;
        while (end > 0 && (content[end - 1] == ' ' || content[end - 1] == '\t' || content[end - 1] == '\r'
                || content[end - 1] == '\n')) {
            end--;
        }
        if (end < MIN_BYTES || end > MAX_BYTES) {
            throw new IOException("fleet key " + where + " holds " + end + " bytes (expected: " + MIN_BYTES + " to "
                    + MAX_BYTES + "; make one with: head -c 32 /dev/urandom | base64 > fleet.key)");
        }
        byte[] secret = Arrays.copyOf(content, end);
        try {
            return new FleetKey(secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** The id of the fleet's content swarm: the first 20 bytes of HMAC-SHA256(secret, {@value #CONTENT_LABEL}). */
    public InfoHash contentSwarm() {
        return contentSwarm;
    }

    /** The infohash fleet nodes use on the wire (handshake, LSD) for torrent {@code infoHash}. */
    public InfoHash wireHash(InfoHash infoHash) {
        return InfoHash.of(Arrays.copyOf(hmac(swarmKey, infoHash.toByteArray()), InfoHash.LENGTH));
    }

    /**
     * The proof the sender gives: HMAC-SHA256 under the proof key of the on-wire infohash, the sender's and the
     * receiver's peer ids, then the sender's and the receiver's nonces.
     */
    public byte[] proof(InfoHash wireHash, byte[] senderId, byte[] receiverId, byte[] senderNonce,
            byte[] receiverNonce) {
        return hmac(proofKey, concat(wireHash.toByteArray(), senderId, receiverId, senderNonce, receiverNonce));
    }

    /** Whether {@code proof} is the proof the sender had to give; compared in constant time. */
    public boolean verify(byte[] proof, InfoHash wireHash, byte[] senderId, byte[] receiverId, byte[] senderNonce,
            byte[] receiverNonce) {
        return MessageDigest.isEqual(proof, proof(wireHash, senderId, receiverId, senderNonce, receiverNonce));
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "FleetKey[not shown]";
    }
}
