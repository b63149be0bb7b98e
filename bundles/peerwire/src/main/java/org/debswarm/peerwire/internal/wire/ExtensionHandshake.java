package org.debswarm.peerwire.internal.wire;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

import org.debswarm.torrent.bencode.Bencode;
import org.debswarm.torrent.bencode.BencodeException;
import org.debswarm.torrent.bencode.BencodeLimits;
import org.debswarm.torrent.bencode.ByteString;

/**
 * The BEP 10 extension handshake, the payload of {@link Extended} id 0: {@code m} (extension name to the id
 * the sender wants to receive it under), {@code v} (client name and version), {@code p} (listening port),
 * {@code reqq} (how many outstanding requests the sender accepts), and Debswarm's {@value #FLEET_NONCE} (the
 * sender's challenge for the fleet key proof, see {@link FleetProof}). Unknown keys are ignored, as BEP 10 asks.
 */
public record ExtensionHandshake(Map<String, Integer> extensions, String client, int port, int requestQueue,
        byte[] fleetNonce) {

    /** The key of the fleet key challenge in the handshake dictionary. */
    public static final String FLEET_NONCE = "ds_fleet_nonce";
    /** Bytes of a fleet key challenge. */
    public static final int NONCE_BYTES = 20;

    private static final BencodeLimits LIMITS = BencodeLimits.DEFAULT.withMaxDepth(4).withMaxStringLength(1024)
            .withMaxTotalSize(WireLimits.DEFAULT_MAX_EXTENDED).withMaxElements(1024);
    private static final int MAX_CLIENT = 100;

    /** A handshake without fleet key challenge. */
    public ExtensionHandshake(Map<String, Integer> extensions, String client, int port, int requestQueue) {
        this(extensions, client, port, requestQueue, new byte[0]);
    }

    public ExtensionHandshake {
        fleetNonce = fleetNonce.clone();
        if (fleetNonce.length != 0 && fleetNonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("fleet nonce of " + fleetNonce.length + " bytes (expected: "
                    + NONCE_BYTES + ")");
        }
        extensions = Collections.unmodifiableMap(new TreeMap<>(extensions));
        client = client == null ? "" : client;
        if (port < 0 || port > 65535 || requestQueue < 0) {
            throw new IllegalArgumentException("port " + port + ", reqq " + requestQueue
                    + " (expected: 0 to 65535, >= 0)");
        }
    }

    @Override
    public byte[] fleetNonce() {
        return fleetNonce.clone();
    }

    // extension handshake: <extended id=0><bencoded dictionary {ds_fleet_nonce: 20 bytes, m: {name: id}, p: port,
    //                      reqq: n, v: client}>
    public Message toMessage() {
        Map<String, Object> dict = new LinkedHashMap<>();
        if (fleetNonce.length > 0) {
            dict.put(FLEET_NONCE, fleetNonce);
        }
        dict.put("m", new TreeMap<String, Object>(extensions));
        if (port > 0) {
            dict.put("p", (long) port);
        }
        if (requestQueue > 0) {
            dict.put("reqq", (long) requestQueue);
        }
        if (!client.isEmpty()) {
            dict.put("v", client);
        }
        return new Extended(0, Bencode.encode(dict));
    }

    /** Reads the payload of an extended message with id 0; values of a wrong type are ignored. */
    public static ExtensionHandshake parse(byte[] payload) throws PeerWireException {
        Object value;
        try {
            value = Bencode.decodeLenient(payload, LIMITS);
        } catch (BencodeException e) {
            throw new PeerWireException("extension handshake: " + e.getMessage(), e);
        }
        if (!(value instanceof SortedMap<?, ?> dict)) {
            throw new PeerWireException("extension handshake is a " + value.getClass().getSimpleName()
                    + " (expected: a dictionary)");
        }
        Map<String, Integer> m = new TreeMap<>();
        if (dict.get(ByteString.utf8("m")) instanceof SortedMap<?, ?> ids) {
            ids.forEach((k, v) -> {
                if (v instanceof Long id && id >= 0 && id <= 255) {
                    m.put(((ByteString) k).utf8(), id.intValue());
                }
            });
        }
        String client = dict.get(ByteString.utf8("v")) instanceof ByteString v ? clip(v.utf8()) : "";
        long port = dict.get(ByteString.utf8("p")) instanceof Long p && p > 0 && p <= 65535 ? p : 0;
        long reqq = dict.get(ByteString.utf8("reqq")) instanceof Long q && q > 0 ? Math.min(q, 10_000) : 0;
        byte[] nonce = dict.get(ByteString.utf8(FLEET_NONCE)) instanceof ByteString n && n.length() == NONCE_BYTES
                ? n.toByteArray() : new byte[0];
        return new ExtensionHandshake(m, client, (int) port, (int) reqq, nonce);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExtensionHandshake h && h.extensions.equals(extensions) && h.client.equals(client)
                && h.port == port && h.requestQueue == requestQueue && Arrays.equals(h.fleetNonce, fleetNonce);
    }

    @Override
    public int hashCode() {
        return Objects.hash(extensions, client, port, requestQueue, Arrays.hashCode(fleetNonce));
    }

    @Override
    public String toString() {
        return "ExtensionHandshake[" + extensions + ", " + client + ", port " + port + ", reqq " + requestQueue
                + (fleetNonce.length > 0 ? ", fleet nonce" : "") + "]";
    }

    private static String clip(String client) {
        StringBuilder out = new StringBuilder();
        client.codePoints().limit(MAX_CLIENT).filter(c -> !Character.isISOControl(c)).forEach(out::appendCodePoint);
        return out.toString();
    }
}
