package org.debswarm.peerwire.internal.wire;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.debswarm.torrent.bencode.Bencode;
import org.debswarm.torrent.bencode.BencodeException;
import org.debswarm.torrent.bencode.BencodeLimits;
import org.debswarm.torrent.bencode.ByteString;

/**
 * The BEP 11 peer exchange message {@value #NAME}: peers the sender connected to ({@code added}, compact IPv4,
 * and {@code added6}, compact IPv6) and lost ({@code dropped}, {@code dropped6}) since its last message.
 * Per-peer flags ({@code added.f}, {@code added6.f}) are written (0x10: reachable, as every peer we list is a
 * listening address) and ignored when read. At most {@link #MAX_PEERS} peers per list are accepted; an
 * address with port 0 is skipped.
 */
public record PeerExchange(List<InetSocketAddress> added, List<InetSocketAddress> dropped) {

    /** The extension's name in the {@code m} dictionary of the BEP 10 handshake. */
    public static final String NAME = "ut_pex";
    /** The id this node receives the extension under. */
    public static final int LOCAL_ID = 2;
    /** Peers per list (each of added, added6, dropped, dropped6) accepted; we send at most {@link #SEND_PEERS}. */
    public static final int MAX_PEERS = 100;
    /** Peers per list we send, as libtorrent does. */
    public static final int SEND_PEERS = 50;
    static final byte REACHABLE = 0x10;
    private static final BencodeLimits LIMITS = BencodeLimits.DEFAULT.withMaxDepth(2)
            .withMaxStringLength(MAX_PEERS * 18).withMaxTotalSize(8 * 1024).withMaxElements(32);

    public PeerExchange {
        added = List.copyOf(added);
        dropped = List.copyOf(dropped);
    }

    // ut_pex: <extended id=peer's id><bencoded dictionary {added: n*6 bytes, added.f: n bytes, added6: m*18 bytes,
    //         added6.f: m bytes, dropped: k*6 bytes, dropped6: l*18 bytes}>
    public Message toMessage(int peersId) {
        Map<String, Object> dict = new TreeMap<>();
        put(dict, "added", compact(added, false), true);
        put(dict, "added6", compact(added, true), true);
        put(dict, "dropped", compact(dropped, false), false);
        put(dict, "dropped6", compact(dropped, true), false);
        return new Extended(peersId, Bencode.encode(dict));
    }

    private static void put(Map<String, Object> dict, String key, byte[] compact, boolean flags) {
        dict.put(key, compact);
        if (flags) {
            byte[] f = new byte[compact.length / (key.endsWith("6") ? 18 : 6)];
            java.util.Arrays.fill(f, REACHABLE);
            dict.put(key + ".f", f);
        }
    }

    private static byte[] compact(List<InetSocketAddress> peers, boolean v6) {
        ByteBuffer out = ByteBuffer.allocate(peers.size() * 18);
        for (InetSocketAddress p : peers) {
            InetAddress a = p.getAddress();
            if (a != null && (a instanceof Inet6Address) == v6) {
                out.put(a.getAddress()).putShort((short) p.getPort());
            }
        }
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }

    /** @throws PeerWireException if the payload is not a dictionary, or a list is not whole addresses or too long */
    public static PeerExchange parse(byte[] payload) throws PeerWireException {
        Object value;
        try {
            value = Bencode.decodeLenient(payload, LIMITS);
        } catch (BencodeException e) {
            throw new PeerWireException(NAME + ": " + e.getMessage(), e);
        }
        if (!(value instanceof SortedMap<?, ?> dict)) {
            throw new PeerWireException(NAME + " payload " + describe(value) + " (expected: a dictionary)");
        }
        List<InetSocketAddress> added = new ArrayList<>(addresses(dict, "added", 4));
        added.addAll(addresses(dict, "added6", 16));
        List<InetSocketAddress> dropped = new ArrayList<>(addresses(dict, "dropped", 4));
        dropped.addAll(addresses(dict, "dropped6", 16));
        return new PeerExchange(added, dropped);
    }

    private static List<InetSocketAddress> addresses(SortedMap<?, ?> dict, String key, int ipBytes)
            throws PeerWireException {
        Object value = dict.get(ByteString.utf8(key));
        if (value == null) {
            return List.of();
        }
        int entry = ipBytes + 2;
        if (!(value instanceof ByteString s) || s.length() % entry != 0) {
            throw new PeerWireException(NAME + " " + key + " " + describe(value) + " (expected: a string of "
                    + entry + "-byte entries)");
        }
        if (s.length() / entry > MAX_PEERS) {
            throw new PeerWireException(NAME + " " + key + " of " + s.length() / entry + " peers (expected: <= "
                    + MAX_PEERS + ")");
        }
        ByteBuffer in = ByteBuffer.wrap(s.toByteArray());
        List<InetSocketAddress> list = new ArrayList<>();
        while (in.hasRemaining()) {
            byte[] ip = new byte[ipBytes];
            in.get(ip);
            int port = Short.toUnsignedInt(in.getShort());
            if (port != 0) {
                list.add(new InetSocketAddress(address(ip), port));
            }
        }
        return list;
    }

    private static InetAddress address(byte[] ip) {
        try {
            return ip.length == 4 ? Inet4Address.getByAddress(ip) : Inet6Address.getByAddress(null, ip, null);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes is always valid", e);
        }
    }

    private static String describe(Object value) {
        if (value instanceof ByteString s) {
            return "of " + s.length() + " bytes";
        }
        return value instanceof Long ? "is an integer" : value instanceof List<?> ? "is a list" : "is a dictionary";
    }
}
