package org.debswarm.node.internal.tracker;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.debswarm.torrent.bencode.ByteString;

/**
 * The peers of an announce response: a compact string of 6-byte (BEP 23) or 18-byte (BEP 7) entries, or the
 * original list of dictionaries (BEP 3). Literal addresses only: a host name is skipped, never resolved, so a
 * tracker cannot make the node query DNS. Entries with port 0 are skipped.
 */
final class PeerLists {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private PeerLists() {
    }

    /**
     * @param value        the {@code peers} or {@code peers6} value, or null
     * @param addressBytes 4 for {@code peers}, 16 for {@code peers6}
     */
    @SuppressWarnings("unchecked")
    static List<InetSocketAddress> peers(Object value, int addressBytes) throws TrackerException {
        if (value == null) {
            return List.of();
        }
        if (value instanceof ByteString) {
            return compact((ByteString) value, addressBytes);
        }
        if (value instanceof List) {
            return dictionaries((List<Object>) value);
        }
        throw AnnounceResponseParser.garbage("peers is neither a string nor a list");
    }

    // compact: (<address: 4 or 16 bytes><port: 2 bytes, big-endian>)*
    private static List<InetSocketAddress> compact(ByteString peers, int addressBytes) throws TrackerException {
        int entry = addressBytes + 2;
        if (peers.length() % entry != 0) {
            throw AnnounceResponseParser.garbage("compact peers of " + peers.length() + " bytes (expected: a multiple of "
                    + entry + ")");
        }
        byte[] bytes = peers.toByteArray();
        List<InetSocketAddress> out = new ArrayList<>(bytes.length / entry);
        for (int at = 0; at < bytes.length; at += entry) {
            int port = ((bytes[at + addressBytes] & 0xff) << 8) | (bytes[at + addressBytes + 1] & 0xff);
            if (port != 0) {
                out.add(new InetSocketAddress(address(bytes, at, addressBytes), port));
            }
        }
        return out;
    }

    private static InetAddress address(byte[] bytes, int at, int length) {
        byte[] raw = new byte[length];
        System.arraycopy(bytes, at, raw, 0, length);
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    private static List<InetSocketAddress> dictionaries(List<Object> peers) throws TrackerException {
        List<InetSocketAddress> out = new ArrayList<>(peers.size());
        for (Object peer : peers) {
            if (!(peer instanceof Map)) {
                throw AnnounceResponseParser.garbage("a peer is not a dictionary");
            }
            Object ip = ((Map<?, ?>) peer).get(AnnounceResponseParser.key("ip"));
            Object port = ((Map<?, ?>) peer).get(AnnounceResponseParser.key("port"));
            if (ip instanceof ByteString && port instanceof Long && (Long) port > 0 && (Long) port <= 65535) {
                literal(((ByteString) ip).utf8(), ((Long) port).intValue(), out);
            }
        }
        return out;
    }

    private static void literal(String ip, int port, List<InetSocketAddress> out) {
        boolean v6 = ip.indexOf(':') >= 0 && IPV6.matcher(ip).matches();
        if (!v6 && !IPV4.matcher(ip).matches()) {
            return; // a host name: not resolved
        }
        try {
            out.add(new InetSocketAddress(InetAddress.getByName(ip), port)); // a literal: no look-up
        } catch (UnknownHostException e) {
            // a malformed literal such as 999.1.1.1: skipped like a host name
        }
    }
}
