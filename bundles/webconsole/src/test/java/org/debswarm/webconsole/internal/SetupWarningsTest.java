package org.debswarm.webconsole.internal;

import static org.debswarm.webconsole.internal.PageAssertions.selfContainedAndEscaped;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.debswarm.node.NodeWarning;
import org.debswarm.node.NodeWarnings;
import org.debswarm.tracker.PeerStats;
import org.debswarm.tracker.TorrentStats;
import org.debswarm.tracker.TrackerStats;
import org.debswarm.tracker.TrackerTotals;
import org.junit.Test;

/** The setup's warnings: the node's, the tracker's loopback peer, and how the overview shows them. */
public class SetupWarningsTest {

    private static final String HASH = "0102030405060708090a0b0c0d0e0f1011121314";
    private static final NodeWarning UNREACHABLE = new NodeWarning("tracker-unreachable http://10.0.0.5:6969/announce",
            "Tracker http://10.0.0.5:6969/announce is unreachable <b>", "trackers (PID org.debswarm.node)");

    private static PeerStats peer(String ip) {
        return new PeerStats("00".repeat(20), ip, 6881, 0, 0, 10, "started", Instant.EPOCH);
    }

    private static TrackerStats tracker(List<PeerStats> peers) {
        TorrentStats torrent = new TorrentStats(HASH, "deb.example bookworm main amd64", 0, peers.size(), 0, 0, 0,
                Instant.EPOCH);
        return new TrackerStats() {
            @Override
            public TrackerTotals totals() {
                return new TrackerTotals(1, 0, peers.size(), 0, 0, 0);
            }

            @Override
            public List<TorrentStats> torrents() {
                return List.of(torrent);
            }

            @Override
            public Optional<TorrentStats> torrent(String infoHashHex) {
                return Optional.of(torrent);
            }

            @Override
            public List<PeerStats> peers(String infoHashHex) {
                return peers;
            }
        };
    }

    @Test
    public void aLoopbackPeerBesideRemoteOnesIsATrap() {
        List<NodeWarning> warnings = SetupWarnings.current(null, tracker(List.of(peer("10.0.0.2"), peer("127.0.0.1"))));
        assertEquals(1, warnings.size());
        NodeWarning w = warnings.get(0);
        assertEquals("tracker-loopback-peer", w.key());
        assertTrue(w.text(), w.text().startsWith("This host's tracker has a peer that announced over loopback"
                + " (127.0.0.1:6881) to deb.example bookworm main amd64, which 1 peer(s) on other hosts announce to"));
        assertEquals("trackers (PID org.debswarm.node) on this host: the tracker's LAN address, not 127.0.0.1",
                w.setting());
    }

    @Test
    public void loopbackAloneOrRemoteAloneIsNoTrap() {
        assertEquals(List.of(), SetupWarnings.current(null, tracker(List.of(peer("127.0.0.1"), peer("::1")))));
        assertEquals(List.of(), SetupWarnings.current(null, tracker(List.of(peer("10.0.0.2"), peer("fd00::2")))));
        assertEquals(List.of(), SetupWarnings.current(null, null));
    }

    @Test
    public void theNodesWarningsComeFirst() {
        NodeWarnings node = () -> List.of(UNREACHABLE);
        assertEquals(List.of("tracker-unreachable http://10.0.0.5:6969/announce", "tracker-loopback-peer"),
                SetupWarnings.current(node, tracker(List.of(peer("::1"), peer("10.0.0.2")))).stream()
                        .map(NodeWarning::key).toList());
    }

    @Test
    public void aServiceFailingWhileReadIsLeftOut() {
        NodeWarnings gone = () -> {
            throw new IllegalStateException("service unregistered");
        };
        assertEquals(List.of(), SetupWarnings.current(gone, null));
    }

    @Test
    public void theOverviewShowsEachWarningWithItsSettingAndNothingWithoutOne() throws Exception {
        NodeWarning hostile = new NodeWarning("x' onclick='y", "Tracker tracker.lan is unreachable <b>",
                "trackers (PID org.debswarm.node)");
        String html = get(new OverviewPlugin(new Fakes.FakeStats(), () -> List.of(hostile), null));
        selfContainedAndEscaped(html); // (no URL in this warning: the page must hold no link outside)
        assertTrue(html, html.contains("<h2>Setup warnings</h2><p class='dsw-notice dsw-warning' data-key='x&#39;"
                + " onclick=&#39;y'>Tracker tracker.lan is unreachable &lt;b&gt; <b>Change:</b> trackers (PID"
                + " org.debswarm.node)</p>"));
        String clean = get(new OverviewPlugin(new Fakes.FakeStats(), List::of, null));
        assertFalse(clean, clean.contains("Setup warnings"));
        assertFalse(clean, clean.contains("dsw-warning'"));
    }

    private static String get(OverviewPlugin plugin) throws Exception {
        Fakes.Recorded recorded = new Fakes.Recorded();
        plugin.doGet(Fakes.request("GET", Map.of()), recorded.response());
        return recorded.html();
    }
}
