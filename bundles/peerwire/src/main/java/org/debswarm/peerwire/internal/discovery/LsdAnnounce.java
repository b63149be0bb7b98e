package org.debswarm.peerwire.internal.discovery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.debswarm.torrent.InfoHash;

/**
 * A BEP 14 announce: "a client listening on {@code port} takes part in these torrents". One announce carries
 * up to {@link #MAX_INFOHASHES} infohashes, so that it fits in {@link LsdCodec#MAX_LENGTH} bytes (BEP 14: no
 * fragmentation). {@code cookie} lets a node recognise its own announces coming back over multicast loopback.
 *
 * @param host       the Host header: the multicast group and port, {@code 239.192.152.143:6771} or
 *                   {@code [ff15::efc0:988f]:6771}
 * @param port       the sender's BitTorrent listening port
 * @param infoHashes the torrents, 1 to {@link #MAX_INFOHASHES}
 * @param cookie     the sender's cookie, empty if it sent none
 */
record LsdAnnounce(String host, int port, List<InfoHash> infoHashes, String cookie) {

    /** Infohashes in one announce: 25 lines of 52 bytes and the other headers fit in 1400 bytes. */
    static final int MAX_INFOHASHES = 25;
    /** Longest Host and cookie values. */
    static final int MAX_VALUE = 64;

    LsdAnnounce {
        infoHashes = List.copyOf(infoHashes);
        cookie = cookie == null ? "" : cookie;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " (expected: 1 to 65535)");
        }
        if (infoHashes.isEmpty() || infoHashes.size() > MAX_INFOHASHES) {
            throw new IllegalArgumentException(infoHashes.size() + " infohashes (expected: 1 to " + MAX_INFOHASHES
                    + ")");
        }
        checkValue("host", host, 1);
        checkValue("cookie", cookie, 0);
    }

    private static void checkValue(String what, String value, int min) {
        if (value.length() < min || value.length() > MAX_VALUE
                || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(what + " \"" + value + "\" (expected: " + min + " to " + MAX_VALUE
                    + " printable ASCII characters, no spaces)");
        }
    }

    /** Announces of at most {@link #MAX_INFOHASHES} infohashes each, in order. */
    static List<LsdAnnounce> batches(String host, int port, List<InfoHash> infoHashes, String cookie) {
        List<LsdAnnounce> list = new ArrayList<>();
        for (int i = 0; i < infoHashes.size(); i += MAX_INFOHASHES) {
            list.add(new LsdAnnounce(host, port, infoHashes.subList(i, Math.min(infoHashes.size(),
                    i + MAX_INFOHASHES)), cookie));
        }
        return list;
    }

    // announce: "BT-SEARCH * HTTP/1.1\r\n" "Host: <host>\r\n" "Port: <port>\r\n" ("Infohash: <40 hex>\r\n")+
    //           ["cookie: <cookie>\r\n"] "\r\n" "\r\n"
    byte[] toBytes() {
        StringBuilder out = new StringBuilder(LsdCodec.REQUEST_LINE).append("\r\n");
        out.append("Host: ").append(host).append("\r\n");
        out.append("Port: ").append(port).append("\r\n");
        infoHashes.forEach(h -> out.append("Infohash: ").append(h.toHex()).append("\r\n"));
        if (!cookie.isEmpty()) {
            out.append("cookie: ").append(cookie).append("\r\n");
        }
        return out.append("\r\n\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }
}
