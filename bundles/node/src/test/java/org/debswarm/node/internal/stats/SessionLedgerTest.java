package org.debswarm.node.internal.stats;

import static org.junit.Assert.assertEquals;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.debswarm.peerwire.PeerSnapshot;
import org.debswarm.peerwire.PeerTotals;
import org.debswarm.peerwire.SessionSnapshot;
import org.debswarm.stats.StatsRecorder;
import org.debswarm.torrent.InfoHash;
import org.junit.Test;

/** Snapshots in, recorder events out: deltas per peer, arrivals, departures, bad pieces, bans. */
public class SessionLedgerTest {

    private static final InfoHash HASH = InfoHash.fromHex("0102030405060708090a0b0c0d0e0f1011121314");
    private static final String H = HASH.toHex();
    private static final String PEER = "2d4453303130302d616161616161616161616161";
    private static final String LIAR = "2d4c49303130302d626262626262626262626262";
    private static final String OTHER = "2d4c49303130302d636363636363636363636363";
    private static final String THIRD = "2d4c49303130302d646464646464646464646464";
    private static final String FOURTH = "2d4c49303130302d656565656565656565656565";

    private final List<String> events = new ArrayList<>();
    private final SessionLedger ledger = new SessionLedger((StatsRecorder) Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {StatsRecorder.class},
            (proxy, method, args) -> {
                events.add(method.getName() + Arrays.toString(args));
                return null;
            }));

    @Test
    public void reportsWhatEachConnectionMovedSinceTheLastSample() {
        ledger.sample(List.of(session(List.of())));
        ledger.sample(List.of(session(List.of(), peer(100, 5000, 0))));
        ledger.sample(List.of(session(List.of(), peer(150, 5000, 1))));
        ledger.sample(List.of(session(List.of())));
        assertEquals(List.of(
                "torrentNamed[" + H + ", m test main binary-all]",
                "swarmCompletion[" + H + ", 700, 900]",
                "peerConnected[" + H + ", " + PEER + ", Debswarm 0.1.0]",
                "peerDownloaded[" + H + ", " + PEER + ", Debswarm 0.1.0, 5000]",
                "peerUploaded[" + H + ", " + PEER + ", Debswarm 0.1.0, 100]",
                "swarmCompletion[" + H + ", 700, 900]",
                "peerUploaded[" + H + ", " + PEER + ", Debswarm 0.1.0, 50]",
                "verificationFailed[" + H + ", " + PEER + "]",
                "swarmCompletion[" + H + ", 700, 900]",
                "peerDisconnected[" + H + ", " + PEER + "]",
                "swarmCompletion[" + H + ", 700, 900]"), events);
    }

    /** A new ledger meets an engine that ran on (only the statistics were replaced): nothing is counted twice. */
    @Test
    public void theFirstSampleIsABaselineThatCountsNothingAgain() {
        ledger.sample(List.of(session(List.of(LIAR), peer(100, 5000, 2))));
        assertEquals(List.of(
                "torrentNamed[" + H + ", m test main binary-all]",
                "peerConnected[" + H + ", " + PEER + ", Debswarm 0.1.0]",
                "swarmCompletion[" + H + ", 700, 900]"), events);
        events.clear();
        ledger.sample(List.of(session(List.of(LIAR), peer(100, 6000, 2))));
        assertEquals(List.of(
                "peerDownloaded[" + H + ", " + PEER + ", Debswarm 0.1.0, 1000]",
                "swarmCompletion[" + H + ", 700, 900]"), events);
    }

    @Test
    public void eachBanIsReportedOnce() {
        ledger.sample(List.of(session(List.of())));
        ledger.sample(List.of(session(List.of(LIAR))));
        ledger.sample(List.of(session(List.of(LIAR))));
        ledger.sample(List.of(session(List.of(LIAR, OTHER))));
        assertEquals(List.of("banned[" + H + ", " + LIAR + "]", "banned[" + H + ", " + OTHER + "]"), bans());
    }

    @Test
    public void aSessionStartedAgainReportsItsOwnBans() {
        ledger.sample(List.of(session(List.of())));
        ledger.sample(List.of(session(List.of(LIAR, OTHER))));
        ledger.sample(List.of(session(List.of(THIRD)))); // stopped and started between two samples
        ledger.sample(List.of());
        ledger.sample(List.of(session(List.of(FOURTH)))); // stopped, then started again
        assertEquals(List.of("banned[" + H + ", " + LIAR + "]", "banned[" + H + ", " + OTHER + "]",
                "banned[" + H + ", " + THIRD + "]", "banned[" + H + ", " + FOURTH + "]"), bans());
    }

    /** A connection that moved bytes and closed between two samples: its last bytes still count, once. */
    @Test
    public void whatAConnectionMovedJustBeforeItClosedIsCounted() {
        ledger.sample(List.of(session(List.of(), peer(0, 5000, 0))));
        events.clear();
        PeerTotals closed = new PeerTotals(PEER, "Debswarm 0.1.0", 0, 8000, 0);
        ledger.sample(List.of(session(List.of(), List.of(closed))));
        ledger.sample(List.of(session(List.of(), List.of(closed))));
        assertEquals(List.of(
                "peerDisconnected[" + H + ", " + PEER + "]",
                "peerDownloaded[" + H + ", " + PEER + ", Debswarm 0.1.0, 3000]",
                "swarmCompletion[" + H + ", 700, 900]",
                "swarmCompletion[" + H + ", 700, 900]"), events);
    }

    /** Totals lower than the last sample's belong to a new session of the torrent: they count from zero. */
    @Test
    public void aNewSessionsTotalsCountFromZero() {
        ledger.sample(List.of(session(List.of(), peer(0, 5000, 0))));
        ledger.sample(List.of(session(List.of(), peer(0, 9000, 0))));
        events.clear();
        ledger.sample(List.of(session(List.of(), peer(0, 2000, 0))));
        assertEquals(List.of(
                "peerDownloaded[" + H + ", " + PEER + ", Debswarm 0.1.0, 2000]",
                "swarmCompletion[" + H + ", 700, 900]"), events);
    }

    @Test
    public void aStoppedSessionDisconnectsItsPeers() {
        ledger.sample(List.of(session(List.of(), peer(0, 10, 0))));
        events.clear();
        ledger.sample(List.of());
        assertEquals(List.of("peerDisconnected[" + H + ", " + PEER + "]"), events);
    }

    private List<String> bans() {
        return events.stream().filter(e -> e.startsWith("banned")).toList();
    }

    /** 1000 bytes, 300 had, 900 wanted of which the swarm holds 700. */
    private static SessionSnapshot session(List<String> banned, PeerSnapshot... peers) {
        return session(banned, Arrays.stream(peers).map(PeerTotals::of).toList(), peers);
    }

    private static SessionSnapshot session(List<String> banned, List<PeerTotals> totals, PeerSnapshot... peers) {
        return new SessionSnapshot(HASH, "m test main binary-all", 10, 3, 1000, 300, 600, 0, 0, 0, 0,
                List.of(peers), 900, 700, banned, totals);
    }

    private static PeerSnapshot peer(long uploaded, long downloaded, int bad) {
        return new PeerSnapshot(PEER, new InetSocketAddress("127.0.0.1", 6881), "Debswarm 0.1.0", false, uploaded,
                downloaded, 0, 0, 800, 8, false, false, true, true, bad);
    }
}
