package org.debswarm.stats.internal;

import static org.debswarm.stats.internal.StatsTestSupport.id;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.debswarm.stats.Figures;
import org.debswarm.stats.PeerFigures;
import org.debswarm.stats.SwarmCompletion;
import org.debswarm.stats.TorrentFigures;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The component's life cycle and figures on a real H2 file: what is recorded survives a restart. */
public class StatsComponentTest {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private StatsTestSupport support;

    @Before
    public void setUp() {
        support = new StatsTestSupport(folder.getRoot().toPath());
    }

    private static void recordEverything(StatsComponent stats) {
        String torrent = id(1);
        stats.torrentNamed(torrent, "deb.debian.org bookworm main binary-amd64");
        stats.peerConnected(torrent, id(2), "Debswarm 0.1");
        stats.peerDownloaded(torrent, id(2), null, 16_384);
        stats.peerUploaded(torrent, id(2), "Debswarm 0.2", 1000);
        stats.peerDownloaded(torrent, id(3), "Transmission 4.0", 500);
        stats.verificationFailed(torrent, id(3));
        stats.verificationFailed(torrent, null);
        stats.banned(torrent, id(3));
        stats.mirrorDownloaded(torrent, "deb.debian.org", 70_000);
        stats.mirrorDownloaded(null, "deb.debian.org", 3000);
        stats.mirrorDownloaded(null, "security.debian.org", 400);
        stats.fileServed(torrent, 86_884, false);
        stats.fileServed(torrent, 10, true);
        stats.fileServed(null, 3000, true);
        stats.swarmCompletion(torrent, 900, 1000);
    }

    @Test
    public void figuresSurviveDeactivateAndActivate() throws Exception {
        StatsComponent first = support.activate();
        recordEverything(first);
        TorrentFigures before = first.torrent(id(1)).orElseThrow();
        first.deactivate();
        assertTrue(Files.exists(support.home().resolve("db/stats.mv.db")));

        StatsComponent second = support.activate();
        Figures node = second.node().figures();
        assertEquals(new Figures(16_884, 73_400, 1000, 89_894, 2, 1, 2, 1,
                Map.of("deb.debian.org", 73_000L, "security.debian.org", 400L)), node);
        assertEquals(16_884.0 / (16_884 + 73_400), node.peerShare(), 1e-9);

        TorrentFigures torrent = second.torrent(id(1).toUpperCase()).orElseThrow();
        assertEquals("deb.debian.org bookworm main binary-amd64", torrent.name());
        assertEquals(new Figures(16_884, 70_000, 1000, 86_894, 1, 1, 2, 1, Map.of("deb.debian.org", 70_000L)),
                torrent.figures());
        assertEquals(before.swarm(), torrent.swarm());
        assertEquals(0.9, torrent.swarm().fraction(), 1e-9);
        assertEquals(before.lastActivity(), torrent.lastActivity());
        assertEquals("connections do not survive a restart", 0, torrent.connectedPeers());

        List<PeerFigures> peers = second.peers(id(1));
        assertEquals(2, peers.size());
        PeerFigures two = peers.stream().filter(p -> p.peerId().equals(id(2))).findFirst().orElseThrow();
        assertEquals(new PeerFigures(id(1), id(2), "Debswarm 0.2", 16_384, 1000, 0, 0, false, two.lastActivity()),
                two);
        PeerFigures three = peers.stream().filter(p -> p.peerId().equals(id(3))).findFirst().orElseThrow();
        assertEquals(1, three.verificationFailures());
        assertEquals(1, three.bans());
        assertEquals("Transmission 4.0", three.clientName());
        assertEquals(2, second.peerTotals().size());
        second.deactivate();
    }

    @Test
    public void connectedPeersAreCountedUntilTheyDisconnect() throws Exception {
        StatsComponent stats = support.activate();
        stats.peerConnected(id(1), id(2), "a");
        stats.peerConnected(id(1), id(3), "b");
        stats.peerConnected(id(4), id(2), "a");
        assertEquals(3, stats.node().connectedPeers());
        assertEquals(2, stats.torrent(id(1)).orElseThrow().connectedPeers());
        stats.peerDisconnected(id(1), id(3));
        assertEquals(1, stats.torrent(id(1)).orElseThrow().connectedPeers());
        assertTrue(stats.peers(id(1)).get(0).connected());
        assertFalse(stats.peers(id(1)).get(1).connected());
        PeerFigures total = stats.peerTotals().stream().filter(p -> p.peerId().equals(id(2))).findFirst()
                .orElseThrow();
        assertEquals("", total.infoHash());
        assertTrue(total.connected());
        stats.deactivate();
    }

    @Test
    public void aSecondRestartAddsToTheStoredFigures() throws Exception {
        for (int run = 0; run < 3; run++) {
            StatsComponent stats = support.activate();
            stats.peerUploaded(id(1), id(2), null, 10);
            stats.flushNow();
            stats.peerUploaded(id(1), id(2), null, 5);
            stats.deactivate();
        }
        StatsComponent stats = support.activate();
        assertEquals(45, stats.node().figures().uploaded());
        assertEquals(45, stats.peers(id(1)).get(0).uploaded());
        stats.deactivate();
    }

    @Test
    public void malformedInputIsRefusedAndReadersNeverThrow() throws Exception {
        StatsComponent stats = support.activate();
        assertEquals("infoHash 'abc' (expected: 40 hexadecimal digits)", assertThrows(
                IllegalArgumentException.class, () -> stats.peerDownloaded("abc", id(2), null, 1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> stats.peerDownloaded(id(1), "zz".repeat(20), null, 1));
        assertThrows(IllegalArgumentException.class, () -> stats.peerUploaded(id(1), id(2), null, -1));
        assertThrows(IllegalArgumentException.class, () -> stats.mirrorDownloaded(null, "", 1));
        assertThrows(IllegalArgumentException.class, () -> stats.swarmCompletion(id(1), -1, 10));
        assertEquals(Figures.ZERO, stats.node().figures());
        assertTrue(stats.torrent("<script>").isEmpty());
        assertTrue(stats.peers(null).isEmpty());
        stats.deactivate();
    }

    @Test
    public void refusesInconsistentConfiguration() {
        support.config.put("flushPeriod", 10);
        assertThrows(IllegalArgumentException.class, support::activate);
    }

    @Test
    public void writerThreadStopsOnDeactivate() throws Exception {
        support.config.put("flushPeriod", 100);
        java.util.Set<Thread> before = writers();
        StatsComponent stats = support.activate();
        java.util.Set<Thread> started = writers();
        started.removeAll(before);
        assertEquals("activate starts one writer thread", 1, started.size());
        Thread writer = started.iterator().next();
        stats.deactivate();
        writer.join(5000);
        assertFalse("the writer thread is gone after deactivate", writer.isAlive());
    }

    private static java.util.Set<Thread> writers() {
        java.util.Set<Thread> writers = new java.util.HashSet<>(Thread.getAllStackTraces().keySet());
        writers.removeIf(t -> !t.isAlive() || !t.getName().equals(StatsComponent.WRITER));
        return writers;
    }

    @Test
    public void swarmCompletionIsUnknownUntilReported() throws Exception {
        StatsComponent stats = support.activate();
        stats.torrentNamed(id(9), "x");
        assertEquals(SwarmCompletion.UNKNOWN, stats.torrent(id(9)).orElseThrow().swarm());
        assertFalse(stats.torrent(id(9)).orElseThrow().swarm().known());
        stats.deactivate();
    }

    @Test
    public void idleTorrentsAndPeersAreForgottenAfterTheRetentionButTheNodeTotalsStay() throws Exception {
        support.config.put("retentionDays", 30);
        StatsComponent stats = support.activate();
        stats.peerDownloaded(id(1), id(2), null, 100);
        stats.peerDownloaded(id(3), id(4), null, 10);
        stats.peerConnected(id(5), id(6), "still connected");
        stats.flushNow();
        support.clock.advance(java.util.concurrent.TimeUnit.DAYS.toMillis(31));
        stats.peerDownloaded(id(3), id(7), null, 1); // torrent 3 is active again, its peer 4 is not
        stats.flushNow();
        assertTrue(stats.torrent(id(1)).isEmpty());
        assertEquals(List.of(id(7)), stats.peers(id(3)).stream().map(PeerFigures::peerId).toList());
        assertTrue("a connected peer keeps its torrent", stats.torrent(id(5)).isPresent());
        stats.deactivate();

        StatsComponent restarted = support.activate();
        assertTrue(restarted.torrent(id(1)).isEmpty());
        assertEquals(1, restarted.peers(id(3)).size());
        assertEquals(111, restarted.node().figures().fromPeers());
        restarted.deactivate();
    }
}
