package org.debswarm.tracker.internal;

import static org.debswarm.tracker.internal.TestSupport.announce;
import static org.debswarm.tracker.internal.TestSupport.bytes;
import static org.debswarm.tracker.internal.TestSupport.dict;
import static org.debswarm.tracker.internal.TestSupport.failure;
import static org.debswarm.tracker.internal.TestSupport.id20;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.debswarm.torrent.bencode.BencodeException;
import org.junit.Test;

/**
 * Issue 15, F2: one client announcing 5,000 invented torrents, or 5,000 invented peers into one swarm, with a
 * legitimate swarm beside it that must not notice. The limits are counted per client address (IPv4, IPv6 /64);
 * the test settings trust the {@code ip} parameter, so each announce says which client it comes from.
 */
public class FloodTest {

    private static final byte[] LEGIT = id20(1);
    private static final String ATTACKER = "10.6.6.6";

    private final TestSupport.TestClock clock = new TestSupport.TestClock();
    private final TrackerSettings settings = TestSupport.settings();
    private final TrackerEngine engine = new TrackerEngine(settings, FloodLimits.defaults(settings), clock);

    @Test
    public void aFloodOfNewTorrentsIsCutAtTheRateAndLegitimateSwarmsAreUnaffected() throws Exception {
        assertNull(failure(engine.announce(announce(LEGIT, 2, "10.0.0.1", 100), "x")));
        int accepted = flood(5000);
        assertEquals("the burst of one minute, no more", FloodLimits.DEFAULT_NEW_TORRENTS_PER_MINUTE, accepted);
        assertEquals(1 + accepted, engine.swarms().size());

        // the established swarm and a brand new one from another client both work during the flood
        List<String> peers = compactPeers(engine.announce(announce(LEGIT, 3, "10.0.0.2", 100), "x"));
        assertEquals(List.of("10.0.0.1:6881"), peers);
        assertNull(failure(engine.announce(announce(id20(200), 4, "10.0.0.3", 100), "x")));

        clock.advanceSeconds(30);
        assertEquals("half a minute refills half the bucket", FloodLimits.DEFAULT_NEW_TORRENTS_PER_MINUTE / 2,
                flood(1000));
    }

    @Test
    public void aFloodOfPeersFromOneAddressCannotFillASwarm() throws Exception {
        for (int legit = 0; legit < 3; legit++) {
            engine.announce(announce(LEGIT, 10 + legit, "10.0.0." + (legit + 1), 100), "x");
        }
        for (int fake = 0; fake < 5000; fake++) {
            assertNull(failure(engine.announce(announce(LEGIT, fakeId(fake), 7000, 0, 0, 100) + "&ip=" + ATTACKER
                    + "&numwant=0", "x")));
        }
        Swarm swarm = engine.swarms().get(Bytes.copyOf(LEGIT));
        assertEquals("3 legitimate peers and the attacker's 32", 3 + FloodLimits.DEFAULT_PEERS_PER_CLIENT,
                swarm.peerStats().size());
        assertEquals(3 + FloodLimits.DEFAULT_PEERS_PER_CLIENT, engine.swarms().livePeers());

        List<String> handedOut = compactPeers(engine.announce(announce(LEGIT, 10, "10.0.0.1", 100) + "&numwant=50",
                "x"));
        assertTrue("the other legitimate peers are handed out: " + handedOut,
                handedOut.containsAll(Set.of("10.0.0.2:6881", "10.0.0.3:6881")));
        assertEquals(2 + FloodLimits.DEFAULT_PEERS_PER_CLIENT, handedOut.size());
    }

    @Test
    public void theClientsLeastRecentlySeenPeerMakesRoomSoARestartingClientIsNeverRefused() throws Exception {
        for (int run = 0; run < 40; run++) {
            clock.advanceSeconds(1);
            assertNull(failure(engine.announce(announce(LEGIT, fakeId(run), 6881, 0, 0, 100) + "&ip=10.0.0.9", "x")));
        }
        Swarm swarm = engine.swarms().get(Bytes.copyOf(LEGIT));
        assertEquals(FloodLimits.DEFAULT_PEERS_PER_CLIENT, swarm.peerStats().size());
        assertEquals("the newest stays", Bytes.copyOf(fakeId(39)).hex(), swarm.peerStats().get(0).peerId());
    }

    @Test
    public void anIpv6Slash64IsOneClient() throws Exception {
        int accepted = 0;
        for (int i = 0; i < 500; i++) {
            String ip = "2001:db8:0:1:" + Integer.toHexString(i) + "::1";
            accepted += failure(engine.announce(announce(hash(i), 5, "[" + ip + "]", 100), "x")) == null ? 1 : 0;
        }
        assertEquals(FloodLimits.DEFAULT_NEW_TORRENTS_PER_MINUTE, accepted);
        assertNull("another /64 has its own budget",
                failure(engine.announce(announce(hash(999), 5, "[2001:db8:0:2::1]", 100), "x")));
    }

    @Test
    public void torrentsWithoutPeersLeaveAfterAFewIntervalsNotDays() throws Exception {
        engine.announce(announce(LEGIT, 2, "10.0.0.1", 100), "x");
        engine.announce(announce(LEGIT, 2, "10.0.0.1", 100) + "&event=stopped", "x");
        flushAll();
        long idleSeconds = FloodLimits.defaults(settings).idleTorrentMillis() / 1000;
        assertEquals("3 intervals of 60 s and the 30 s margin", 3 * 60 + 30, idleSeconds);
        clock.advanceSeconds(idleSeconds - 1);
        engine.expire();
        assertNotNull(engine.swarms().get(Bytes.copyOf(LEGIT)));
        clock.advanceSeconds(2);
        engine.expire();
        assertNull(engine.swarms().get(Bytes.copyOf(LEGIT)));
    }

    @Test
    public void anAllowlistRefusesNewTorrentsOutsideIt() throws Exception {
        Set<Bytes> allowed = new HashSet<>(Set.of(Bytes.copyOf(LEGIT)));
        TrackerEngine listed = new TrackerEngine(settings, new FloodLimits(120, 32, 60_000, 10, allowed::contains),
                clock);
        assertNull(failure(listed.announce(announce(LEGIT, 2, "10.0.0.1", 100), "x")));
        String refused = failure(listed.announce(announce(id20(7), 2, "10.0.0.1", 100), "x"));
        assertTrue(refused, refused.startsWith("unregistered torrent"));
        assertEquals(1, listed.swarms().size());
    }

    @Test
    public void theAllowlistModesFromConfiguration() {
        String hex = Bytes.copyOf(LEGIT).hex();
        Bytes other = Bytes.copyOf(id20(9));
        FloodLimits list = TrackerComponent.limits(config("list", hex), settings, hash -> true);
        assertTrue(list.allowed().test(Bytes.copyOf(LEGIT)));
        assertFalse("list ignores the registry", list.allowed().test(other));
        FloodLimits node = TrackerComponent.limits(config("node", hex), settings, other::equals);
        assertTrue(node.allowed().test(other));
        assertTrue(node.allowed().test(Bytes.copyOf(LEGIT)));
        assertFalse(node.allowed().test(Bytes.copyOf(id20(10))));
        assertTrue(TrackerComponent.limits(config("OPEN"), settings, hash -> false).allowed().test(other));
        for (TrackerConfiguration bad : new TrackerConfiguration[] {config("closed"), config("list", "abc")}) {
            try {
                TrackerComponent.limits(bad, settings, hash -> true);
                throw new AssertionError("accepted " + bad.allowlist());
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage(), expected.getMessage().contains("expected"));
            }
        }
    }

    private static TrackerConfiguration config(String mode, String... allowed) {
        return (TrackerConfiguration) java.lang.reflect.Proxy.newProxyInstance(FloodTest.class.getClassLoader(),
                new Class<?>[] {TrackerConfiguration.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "allowlist" -> mode;
                    case "allowedTorrents" -> allowed;
                    default -> method.getDefaultValue();
                });
    }

    @Test
    public void theBucketsOfQuietClientsAreForgotten() {
        NewTorrentRate rate = new NewTorrentRate(2, 3);
        long now = 0;
        for (int client = 0; client < 3; client++) {
            takeOrFail(rate, client, now);
        }
        assertEquals(3, rate.clients());
        String refused = refusal(rate, 3, now);
        assertTrue(refused, refused.startsWith("too many clients"));
        now += 30_000; // each bucket has one token back, and is full again
        takeOrFail(rate, 3, now);
        assertEquals("the full buckets were dropped to make room", 1, rate.clients());
        takeOrFail(rate, 3, now);
        assertTrue(refusal(rate, 3, now).startsWith("too many new torrents from this address (limit 2 per minute)"));
    }

    /** Announces {@code count} invented torrents from the attacker; returns how many were taken. */
    private int flood(int count) throws BencodeException {
        int accepted = 0;
        for (int i = 0; i < count; i++) {
            String reason = failure(engine.announce(announce(hash(10_000 + i + count * 7), 66, ATTACKER, 100), "x"));
            if (reason == null) {
                accepted++;
            } else {
                assertTrue(reason, reason.startsWith("too many new torrents from this address"));
            }
        }
        return accepted;
    }

    private void flushAll() {
        for (Swarm.Drained drained : engine.swarms().drainDirty()) {
            drained.swarm().flushed(new Tally());
        }
    }

    private static void takeOrFail(NewTorrentRate rate, int client, long now) {
        try {
            rate.take(Bytes.copyOf(new byte[] {10, 0, 0, (byte) client}), now);
        } catch (TrackerRequestException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static String refusal(NewTorrentRate rate, int client, long now) {
        try {
            rate.take(Bytes.copyOf(new byte[] {10, 0, 0, (byte) client}), now);
            throw new AssertionError("not refused");
        } catch (TrackerRequestException e) {
            return e.getMessage();
        }
    }

    private static byte[] hash(int seed) {
        return ByteBuffer.allocate(20).putInt(0x5eed).putInt(seed).array();
    }

    private static byte[] fakeId(int n) {
        return ByteBuffer.allocate(20).putInt(0xfa4e).putInt(n).array();
    }

    private static List<String> compactPeers(byte[] response) throws BencodeException {
        byte[] compact = bytes(dict(response), "peers");
        List<String> peers = new ArrayList<>();
        for (int i = 0; i + 6 <= compact.length; i += 6) {
            peers.add((compact[i] & 0xff) + "." + (compact[i + 1] & 0xff) + "." + (compact[i + 2] & 0xff) + "."
                    + (compact[i + 3] & 0xff) + ":" + ((compact[i + 4] & 0xff) << 8 | compact[i + 5] & 0xff));
        }
        return peers;
    }
}
