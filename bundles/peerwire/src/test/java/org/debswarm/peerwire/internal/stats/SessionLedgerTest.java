package org.debswarm.peerwire.internal.stats;

import static org.junit.Assert.assertEquals;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.debswarm.peerwire.PeerSnapshot;
import org.debswarm.peerwire.SessionSnapshot;
import org.debswarm.stats.StatsRecorder;
import org.debswarm.torrent.InfoHash;
import org.junit.Test;

/** Snapshots in, recorder events out: deltas per connection, arrivals, departures, bad pieces. */
public class SessionLedgerTest {

    private static final InfoHash HASH = InfoHash.fromHex("0102030405060708090a0b0c0d0e0f1011121314");
    private static final String H = HASH.toHex();
    private static final String PEER = "2d4453303130302d616161616161616161616161";

    private final List<String> events = new ArrayList<>();
    private final SessionLedger ledger = new SessionLedger((StatsRecorder) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {StatsRecorder.class},
            (proxy, method, args) -> {
                events.add(method.getName() + Arrays.toString(args));
                return null;
            }));

    @Test
    public void reportsWhatEachConnectionMovedSinceTheLastSample() {
        ledger.sample(List.of(session(1000, peer(100, 5000, 0))));
        ledger.sample(List.of(session(1000, peer(150, 5000, 1))));
        ledger.sample(List.of(session(1000)));
        assertEquals(List.of(
                "torrentNamed[" + H + ", m test main binary-all]",
                "peerConnected[" + H + ", " + PEER + ", Debswarm 0.1.0]",
                "peerDownloaded[" + H + ", " + PEER + ", Debswarm 0.1.0, 5000]",
                "peerUploaded[" + H + ", " + PEER + ", Debswarm 0.1.0, 100]",
                "swarmCompletion[" + H + ", 800, 1000]",
                "peerUploaded[" + H + ", " + PEER + ", Debswarm 0.1.0, 50]",
                "verificationFailed[" + H + ", " + PEER + "]",
                "swarmCompletion[" + H + ", 800, 1000]",
                "peerDisconnected[" + H + ", " + PEER + "]",
                "swarmCompletion[" + H + ", 300, 1000]"), events);
    }

    @Test
    public void aStoppedSessionDisconnectsItsPeers() {
        ledger.sample(List.of(session(1000, peer(0, 10, 0))));
        events.clear();
        ledger.sample(List.of());
        assertEquals(List.of("peerDisconnected[" + H + ", " + PEER + "]"), events);
    }

    private static SessionSnapshot session(long total, PeerSnapshot... peers) {
        return new SessionSnapshot(HASH, "m test main binary-all", 10, 3, total, 300, 0, 0, 0, 0, 0, List.of(peers));
    }

    private static PeerSnapshot peer(long uploaded, long downloaded, int bad) {
        return new PeerSnapshot(PEER, new InetSocketAddress("127.0.0.1", 6881), "Debswarm 0.1.0", false, uploaded,
                downloaded, 0, 0, 800, 8, false, false, true, true, bad);
    }
}
