package org.debswarm.tracker.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import org.debswarm.torrent.bencode.Bencode;
import org.debswarm.torrent.bencode.BencodeException;
import org.debswarm.torrent.bencode.ByteString;

/** Query building, response decoding and a settable clock for the tracker's tests. */
final class TestSupport {

    private TestSupport() {
    }

    /** Test settings: trust the ip parameter, short interval (60 s) and margin (30 s). */
    static TrackerSettings settings() {
        return new TrackerSettings(60, 30, 30, 50, 200, true, 1000, 10_000, 3600, true);
    }

    /** 20 bytes that are mostly above 0x7f, to catch any UTF-8 or Latin-1 decoding on the way. */
    static byte[] id20(int seed) {
        byte[] id = new byte[20];
        for (int i = 0; i < id.length; i++) {
            id[i] = (byte) (0xff - seed - 7 * i);
        }
        id[0] = (byte) seed; // keeps ids of different seeds apart
        return id;
    }

    /** Percent-encodes every byte but RFC 3986 unreserved characters, as BitTorrent clients do. */
    static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    static String announce(byte[] infoHash, byte[] peerId, int port, long up, long down, long left) {
        return "info_hash=" + encode(infoHash) + "&peer_id=" + encode(peerId) + "&port=" + port + "&uploaded=" + up
                + "&downloaded=" + down + "&left=" + left;
    }

    static String announce(byte[] infoHash, int peer, String ip, long left) {
        return announce(infoHash, id20(peer), 6881, 0, 0, left) + "&ip=" + ip;
    }

    @SuppressWarnings("unchecked")
    static Map<ByteString, Object> dict(byte[] bencoded) throws BencodeException {
        return (Map<ByteString, Object>) Bencode.decode(bencoded);
    }

    static Object get(Map<ByteString, Object> dict, String key) {
        return dict.get(ByteString.utf8(key));
    }

    static byte[] bytes(Map<ByteString, Object> dict, String key) {
        Object value = get(dict, key);
        return value == null ? null : ((ByteString) value).toByteArray();
    }

    static String failure(byte[] bencoded) throws BencodeException {
        Object reason = get(dict(bencoded), "failure reason");
        return reason == null ? null : ((ByteString) reason).utf8();
    }

    static String text(byte[] bencoded) {
        return new String(bencoded, StandardCharsets.ISO_8859_1);
    }

    /** A clock the test moves by hand. */
    static final class TestClock extends Clock {

        private volatile long millis = 1_700_000_000_000L;

        void advanceSeconds(long seconds) {
            millis += seconds * 1000;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
