package org.debswarm.node.internal.tracker;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.debswarm.torrent.bencode.Bencode;
import org.debswarm.torrent.bencode.ByteString;
import org.junit.Test;

/** Announce responses by kind: correct, refused, malformed, oversized. */
public class AnnounceResponseParserTest {

    private final AnnounceResponseParser parser = new AnnounceResponseParser(4096);

    static byte[] compact4() {
        return new byte[] {10, 0, 0, 1, 0x1a, (byte) 0xe1, (byte) 192, (byte) 168, 1, 2, 0, 80};
    }

    static byte[] compact6() {
        byte[] peer = new byte[18];
        peer[0] = 0x20;
        peer[1] = 0x01;
        peer[2] = 0x0d;
        peer[3] = (byte) 0xb8;
        peer[15] = 5;
        peer[16] = 0x1a;
        peer[17] = (byte) 0xe2;
        return peer;
    }

    @Test
    public void compactIpv4AndIpv6PeersAndTheRest() throws Exception {
        byte[] body = Bencode.encode(Map.of("interval", 1800, "min interval", 300, "complete", 3, "incomplete", 4,
                "peers", compact4(), "peers6", compact6(), "warning message", "slow down",
                "tracker id", "abc"));
        AnnounceResponse r = parser.parse(body);
        assertEquals(Duration.ofMinutes(30), r.interval());
        assertEquals(Optional.of(Duration.ofMinutes(5)), r.minInterval());
        assertEquals(List.of(new InetSocketAddress("10.0.0.1", 6881), new InetSocketAddress("192.168.1.2", 80),
                new InetSocketAddress("2001:db8::5", 6882)), r.peers());
        assertEquals(Optional.of("slow down"), r.warning());
        assertEquals(3, r.seeders());
        assertEquals(4, r.leechers());
        assertEquals(Optional.of(ByteString.utf8("abc")), r.trackerId());
    }

    @Test
    public void dictionaryPeersOfBep3WithLiteralsOnly() throws Exception {
        byte[] body = Bencode.encode(Map.of("interval", 60, "peers", List.of(
                Map.of("ip", "10.1.2.3", "port", 7000, "peer id", new byte[20]),
                Map.of("ip", "::1", "port", 7001),
                Map.of("ip", "tracker.example", "port", 7002),
                Map.of("ip", "10.1.2.4", "port", 0))));
        assertEquals(List.of(new InetSocketAddress("10.1.2.3", 7000), new InetSocketAddress("::1", 7001)),
                parser.parse(body).peers());
    }

    @Test
    public void compactPortZeroIsSkippedAndNoPeersIsEmpty() throws Exception {
        byte[] zero = {10, 0, 0, 1, 0, 0};
        assertEquals(List.of(), parser.parse(Bencode.encode(Map.of("interval", 60, "peers", zero))).peers());
        assertEquals(List.of(), parser.parse(Bencode.encode(Map.of("interval", 60))).peers());
    }

    @Test
    public void failureReasonIsSurfaced() {
        TrackerException e = assertThrows(TrackerException.class,
                () -> parser.parse(Bencode.encode(Map.of("failure reason", "unregistered torrent"))));
        assertEquals("unregistered torrent", e.failureReason());
        assertEquals("tracker refused: unregistered torrent", e.getMessage());
    }

    @Test
    public void malformedResponsesAreErrors() {
        assertGarbage("<html>502 Bad Gateway</html>".getBytes(StandardCharsets.US_ASCII), "malformed response: ");
        assertGarbage(Bencode.encode(List.of(1, 2)), "malformed response: response is not a dictionary");
        assertGarbage(Bencode.encode(Map.of("peers", new byte[0])), "malformed response: no interval");
        assertGarbage(Bencode.encode(Map.of("interval", "60")), "malformed response: interval is not an integer");
        assertGarbage(Bencode.encode(Map.of("interval", -1)), "malformed response: interval -1");
        assertGarbage(Bencode.encode(Map.of("interval", 60, "peers", new byte[7])),
                "malformed response: compact peers of 7 bytes (expected: a multiple of 6)");
        assertGarbage(Bencode.encode(Map.of("interval", 60, "peers6", new byte[6])),
                "malformed response: compact peers of 6 bytes (expected: a multiple of 18)");
        assertGarbage(Bencode.encode(Map.of("interval", 60, "peers", 5)),
                "malformed response: peers is neither a string nor a list");
        assertGarbage("d8:intervali60ee trailing".getBytes(StandardCharsets.US_ASCII), "malformed response: ");
        assertGarbage("d8:intervali060ee".getBytes(StandardCharsets.US_ASCII), "malformed response: ");
        assertGarbage("d8:intervali60e5:peers".getBytes(StandardCharsets.US_ASCII), "malformed response: ");
        assertGarbage(new byte[0], "malformed response: ");
    }

    @Test
    public void unsortedKeysAreRefusedByTheStrictCodec() {
        assertGarbage("d8:intervali60e5:peers0:8:completei1ee".getBytes(StandardCharsets.US_ASCII),
                "malformed response: ");
    }

    @Test
    public void oversizedResponsesAreErrors() {
        byte[] big = Bencode.encode(Map.of("interval", 60, "peers", new byte[6 * 1000]));
        assertGarbage(big, "malformed response: ");
    }

    private void assertGarbage(byte[] body, String messageStart) {
        TrackerException e = assertThrows(TrackerException.class, () -> parser.parse(body));
        assertTrue(e.getMessage(), e.getMessage().startsWith(messageStart));
        assertEquals(null, e.failureReason());
    }
}
