package org.debswarm.tracker.internal;

import static org.debswarm.tracker.internal.TestSupport.announce;
import static org.debswarm.tracker.internal.TestSupport.bytes;
import static org.debswarm.tracker.internal.TestSupport.dict;
import static org.debswarm.tracker.internal.TestSupport.failure;
import static org.debswarm.tracker.internal.TestSupport.get;
import static org.debswarm.tracker.internal.TestSupport.id20;
import static org.debswarm.tracker.internal.TestSupport.text;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.debswarm.torrent.bencode.ByteString;
import org.junit.Test;

/** Announces through the engine, with byte-exact responses. */
public class AnnounceTest {

    private static final byte[] HASH = id20(1);

    private final TestSupport.TestClock clock = new TestSupport.TestClock();
    private final TrackerEngine engine = new TrackerEngine(TestSupport.settings(), clock);

    @Test
    public void compactIpv4ResponseIsByteExact() {
        engine.announce(announce(HASH, 10, "10.0.0.1", 100), "127.0.0.1");
        byte[] response = engine.announce(announce(HASH, id20(11), 51413, 0, 0, 5) + "&ip=192.168.1.2",
                "127.0.0.1");
        String expected = "d8:completei0e10:downloadedi0e10:incompletei2e8:intervali60e12:min intervali30e"
                + "5:peers6:" + chars(10, 0, 0, 1, 0x1a, 0xe1) + "e";
        assertEquals(expected, text(response));
    }

    @Test
    public void compactIpv6PeersGoToPeers6ByteExact() throws Exception {
        engine.announce(announce(HASH, 10, "2001:db8::1", 100), "127.0.0.1");
        byte[] response = engine.announce(announce(HASH, 11, "10.0.0.2", 100), "127.0.0.1");
        String expected = "d8:completei0e10:downloadedi0e10:incompletei2e8:intervali60e12:min intervali30e"
                + "5:peers0:6:peers618:" + chars(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0x1a, 0xe1)
                + "e";
        assertEquals(expected, text(response));
        Map<ByteString, Object> other = dict(engine.announce(announce(HASH, 12, "[2001:db8::2]", 100), "x"));
        assertArrayEquals(new byte[] {10, 0, 0, 2, 0x1a, (byte) 0xe1}, bytes(other, "peers"));
        assertEquals(18, bytes(other, "peers6").length);
    }

    @Test
    public void ipv4MappedAddressesAreIpv4() throws Exception {
        engine.announce(announce(HASH, 10, "::ffff:10.0.0.9", 100), "127.0.0.1");
        Map<ByteString, Object> response = dict(engine.announce(announce(HASH, 11, "10.0.0.2", 100), "127.0.0.1"));
        assertArrayEquals(new byte[] {10, 0, 0, 9, 0x1a, (byte) 0xe1}, bytes(response, "peers"));
        assertNull(get(response, "peers6"));
    }

    @Test
    public void aPeerThatAnnouncedOverLoopbackIsWithheldFromRemoteClients() throws Exception {
        TrackerSettings s = TestSupport.settings();
        TrackerEngine strict = new TrackerEngine(new TrackerSettings(s.interval(), s.minInterval(),
                s.expiryMargin(), 50, 200, false, 10, 100, 60, true), clock);
        strict.announce(announce(HASH, id20(10), 6881, 0, 0, 100), "127.0.0.1");
        strict.announce(announce(HASH, id20(11), 6881, 0, 0, 100), "10.0.0.7");
        Map<ByteString, Object> remote = dict(strict.announce(announce(HASH, id20(12), 6881, 0, 0, 100), "10.0.0.8"));
        assertArrayEquals("only the LAN peer: 127.0.0.1 would make it dial itself",
                new byte[] {10, 0, 0, 7, 0x1a, (byte) 0xe1}, bytes(remote, "peers"));
        Map<ByteString, Object> local = dict(strict.announce(announce(HASH, id20(13), 6881, 0, 0, 100), "127.0.0.1"));
        assertEquals("a client on the tracker's own host still gets all three", 18, bytes(local, "peers").length);
    }

    @Test
    public void remoteAddressIsUsedWhenTheIpParameterIsNotTrusted() throws Exception {
        TrackerSettings s = TestSupport.settings();
        TrackerEngine strict = new TrackerEngine(new TrackerSettings(s.interval(), s.minInterval(),
                s.expiryMargin(), 50, 200, false, 10, 100, 60, true), clock);
        strict.announce(announce(HASH, 10, "10.9.9.9", 100), "127.0.0.1");
        Map<ByteString, Object> response = dict(strict.announce(announce(HASH, 11, "10.9.9.9", 100), "[::1]"));
        assertArrayEquals(new byte[] {127, 0, 0, 1, 0x1a, (byte) 0xe1}, bytes(response, "peers"));
        assertEquals("address 'not-an-ip' (expected: an IPv4 or IPv6 literal)",
                failure(strict.announce(announce(HASH, 12, "1.1.1.1", 100), "not-an-ip")));
    }

    @Test
    public void hostNamesInTheIpParameterAreRefusedNotResolved() throws Exception {
        assertEquals("address 'localhost' (expected: an IPv4 or IPv6 literal)",
                failure(engine.announce(announce(HASH, 10, "localhost", 100), "127.0.0.1")));
        assertEquals("address 'g::1' (expected: an IPv4 or IPv6 literal)",
                failure(engine.announce(announce(HASH, 10, "g::1", 100), "127.0.0.1")));
        assertEquals("address '256.0.0.1' (expected: an IPv4 or IPv6 literal)",
                failure(engine.announce(announce(HASH, 10, "256.0.0.1", 100), "127.0.0.1")));
    }

    @SuppressWarnings("unchecked")
    @Test
    public void nonCompactResponseListsDictionaries() throws Exception {
        engine.announce(announce(HASH, 10, "2001:db8::1", 0), "127.0.0.1");
        Map<ByteString, Object> response = dict(engine.announce(
                announce(HASH, 11, "10.0.0.2", 100) + "&compact=0", "127.0.0.1"));
        List<Object> peers = (List<Object>) get(response, "peers");
        Map<ByteString, Object> peer = (Map<ByteString, Object>) peers.get(0);
        assertEquals("2001:db8:0:0:0:0:0:1", ((ByteString) get(peer, "ip")).utf8());
        assertEquals(6881L, get(peer, "port"));
        assertArrayEquals(id20(10), bytes(peer, "peer id"));
        Map<ByteString, Object> noIds = dict(engine.announce(
                announce(HASH, 11, "10.0.0.2", 100) + "&compact=0&no_peer_id=1", "127.0.0.1"));
        assertNull(get((Map<ByteString, Object>) ((List<Object>) get(noIds, "peers")).get(0), "peer id"));
    }

    @Test
    public void numwantDefaultsAndIsCapped() throws Exception {
        for (int peer = 0; peer < 250; peer++) {
            engine.announce(announce(HASH, id20(peer), 1000 + peer, 0, 0, 10) + "&ip=10.0.1." + peer, "127.0.0.1");
        }
        assertEquals(50 * 6, bytes(dict(engine.announce(announce(HASH, 7, "10.0.0.7", 10), "x")), "peers").length);
        String query = announce(HASH, 7, "10.0.0.7", 10);
        assertEquals(200 * 6, bytes(dict(engine.announce(query + "&numwant=5000", "x")), "peers").length);
        assertEquals(3 * 6, bytes(dict(engine.announce(query + "&numwant=3", "x")), "peers").length);
        assertEquals(0, bytes(dict(engine.announce(query + "&numwant=0", "x")), "peers").length);
    }

    @Test
    public void handsOutDistinctPeersButNeverTheAskerItself() throws Exception {
        for (int peer = 0; peer < 20; peer++) {
            engine.announce(announce(HASH, peer, "10.0.0." + (peer + 1), 10), "x");
        }
        byte[] peers = bytes(dict(engine.announce(announce(HASH, 0, "10.0.0.1", 10), "x")), "peers");
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < peers.length; i += 6) {
            assertTrue("distinct", seen.add((int) peers[i + 3]));
        }
        assertEquals(19, seen.size());
        assertTrue("not itself", !seen.contains(1));
    }

    @Test
    public void seedersGetOnlyLeechers() throws Exception {
        engine.announce(announce(HASH, 1, "10.0.0.1", 0), "x");
        engine.announce(announce(HASH, 2, "10.0.0.2", 0), "x");
        engine.announce(announce(HASH, 3, "10.0.0.3", 50), "x");
        Map<ByteString, Object> response = dict(engine.announce(announce(HASH, 4, "10.0.0.4", 0), "x"));
        assertArrayEquals(new byte[] {10, 0, 0, 3, 0x1a, (byte) 0xe1}, bytes(response, "peers"));
        assertEquals(3L, get(response, "complete"));
        assertEquals(1L, get(response, "incomplete"));
    }

    @Test
    public void stoppedRemovesThePeerAndUnknownStopsCreateNothing() throws Exception {
        engine.announce(announce(HASH, 1, "10.0.0.1", 0), "x");
        engine.announce(announce(HASH, 2, "10.0.0.2", 10), "x");
        Map<ByteString, Object> stopped = dict(engine.announce(announce(HASH, 1, "10.0.0.1", 0) + "&event=stopped",
                "x"));
        assertEquals(0, bytes(stopped, "peers").length);
        assertEquals(0L, get(stopped, "complete"));
        Map<ByteString, Object> after = dict(engine.announce(announce(HASH, 3, "10.0.0.3", 10), "x"));
        assertArrayEquals(new byte[] {10, 0, 0, 2, 0x1a, (byte) 0xe1}, bytes(after, "peers"));
        engine.announce(announce(id20(9), 1, "10.0.0.1", 0) + "&event=stopped", "x");
        assertNull(engine.swarms().get(Bytes.copyOf(id20(9))));
    }

    @Test
    public void aPeerIdFromAnotherAddressIsAnotherPeer() throws Exception {
        engine.announce(announce(HASH, 1, "10.0.0.1", 10), "x");
        engine.announce(announce(HASH, 1, "10.6.6.6", 10) + "&event=stopped", "x");
        assertEquals(2L, get(dict(engine.announce(announce(HASH, 2, "10.0.0.2", 10), "x")), "incomplete"));
    }

    @Test
    public void boundsTorrentsAndPeers() throws Exception {
        TrackerEngine small = new TrackerEngine(new TrackerSettings(60, 30, 30, 50, 200, true, 2, 3, 60, true),
                clock);
        small.announce(announce(id20(1), 1, "10.0.0.1", 1), "x");
        small.announce(announce(id20(2), 1, "10.0.0.1", 1), "x");
        assertEquals("tracker full: 2 torrents", failure(small.announce(announce(id20(3), 1, "10.0.0.1", 1), "x")));
        small.announce(announce(id20(1), 2, "10.0.0.2", 1), "x");
        assertEquals("tracker full: 3 peers", failure(small.announce(announce(id20(1), 3, "10.0.0.3", 1), "x")));
        assertNull(failure(small.announce(announce(id20(1), 2, "10.0.0.2", 1), "x")));
    }

    @Test
    public void recordsTheAnnouncedName() {
        engine.announce(announce(HASH, 1, "10.0.0.1", 1) + "&name=deb.debian.org+bookworm+main+binary-amd64", "x");
        assertEquals("deb.debian.org bookworm main binary-amd64",
                new StatsView(engine.swarms()).torrent(Bytes.copyOf(HASH).hex()).orElseThrow().name());
    }

    private static String chars(int... bytes) {
        StringBuilder out = new StringBuilder();
        for (int b : bytes) {
            out.append((char) b);
        }
        return out.toString();
    }

    @Test
    public void failureResponsesAreByteExact() {
        assertEquals("d14:failure reason12:missing porte",
                text(engine.announce(announce(HASH, id20(2), 1, 0, 0, 0).replace("&port=1", ""), "x")));
    }
}
