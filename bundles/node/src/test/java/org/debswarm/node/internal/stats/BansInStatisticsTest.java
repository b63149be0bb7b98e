package org.debswarm.node.internal.stats;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.debswarm.peerwire.internal.EngineTestSupport;
import org.debswarm.peerwire.internal.FakePeer;
import org.debswarm.peerwire.internal.PeerEngine;
import org.debswarm.node.internal.stats.SwarmStatsSampler;
import org.debswarm.peerwire.internal.swarm.SwarmOptions;
import org.debswarm.stats.PeerFigures;
import org.debswarm.stats.SwarmCompletion;
import org.debswarm.stats.TorrentFigures;
import org.debswarm.stats.internal.StatsComponent;
import org.debswarm.stats.internal.StatsConfiguration;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.torrent.PackagesTorrent;
import org.h2.util.OsgiDataSourceFactory;
import org.junit.Test;
import org.osgi.framework.BundleContext;

/**
 * The peer wire's figures reach the real statistics component (on a real H2 file) through the real sampler:
 * a lying peer is banned, and counted as one ban, for the torrent, the node and the peer, also after the
 * statistics restart.
 */
public class BansInStatisticsTest extends EngineTestSupport {

    private static final String LIAR = HexFormat.of()
            .formatHex("-XX0000-liarliarliar".getBytes(StandardCharsets.US_ASCII)); // FakePeer's id

    @Test
    public void aLyingPeerIsCountedAsOneBan() throws Exception {
        files(300_000, 20_000);
        FileSystemPieceStore store = store("leech");
        PackagesTorrent torrent = torrent();
        PeerEngine leech = engine(store, SwarmOptions.DEFAULTS.withMaxBadPieces(1));
        org.debswarm.peerwire.TorrentSession session = leech.start(torrent, HOST, ROOT);
        Path home = folder.newFolder("stats").toPath();
        StatsComponent stats = stats(home);
        SwarmStatsSampler sampler = new SwarmStatsSampler(leech, stats);
        closeLater(() -> deactivate(sampler));
        String hash = torrent.infoHash().toHex();

        try (FakePeer liar = new FakePeer(torrent.infoHash(), torrent.pieceCount())) {
            session.want(torrent.indexOf(paths.get(0)));
            session.addPeers(List.of(liar.address()));
            assertEquals("closed by the engine", liar.ended.get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
        eventually("the ban reached the statistics", () -> stats.node().figures().bans() > 0);
        Instant counted = reportedAt(stats, hash);
        eventually("two more samples", () -> sampledTwiceSince(stats, hash, counted));
        deactivate(sampler);

        assertEquals("the node", 1, stats.node().figures().bans());
        assertEquals("the torrent", 1, stats.torrent(hash).orElseThrow().figures().bans());
        assertEquals("the peer", Map.of(LIAR, 1L), bans(stats.peers(hash)));
        SwarmCompletion swarm = stats.torrent(hash).orElseThrow().swarm();
        assertEquals("the one file wanted, in bytes", 300_000, swarm.bytesWanted());
        assertEquals("nobody left holds it", 0, swarm.bytesHeldBySwarm());
        deactivate(stats);
        StatsComponent again = stats(home);
        try {
            assertEquals("after a restart", 1, again.node().figures().bans());
            assertEquals(1, again.torrent(hash).orElseThrow().figures().bans());
            assertEquals(Map.of(LIAR, 1L), bans(again.peers(hash)));
        } finally {
            deactivate(again);
        }
    }

    private static Instant reportedAt(StatsComponent stats, String hash) {
        return stats.torrent(hash).map(TorrentFigures::swarm).orElseThrow().reportedAt();
    }

    /** Samples come every 2 s and each reports the swarm's completion: its time moves on. */
    private static boolean sampledTwiceSince(StatsComponent stats, String hash, Instant since) {
        return reportedAt(stats, hash).isAfter(since.plusMillis(3000));
    }

    private static Map<String, Long> bans(List<PeerFigures> peers) {
        return peers.stream().filter(p -> p.bans() > 0)
                .collect(java.util.stream.Collectors.toMap(PeerFigures::peerId, PeerFigures::bans));
    }

    private static StatsComponent stats(Path home) throws Exception {
        StatsConfiguration config = (StatsConfiguration) Proxy.newProxyInstance(
                BansInStatisticsTest.class.getClassLoader(), new Class<?>[] {StatsConfiguration.class},
                (proxy, method, args) -> method.getDefaultValue());
        BundleContext context = (BundleContext) Proxy.newProxyInstance(BansInStatisticsTest.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty") && "debswarm.home".equals(args[0])) {
                        return home.toString();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new StatsComponent(config, context, new OsgiDataSourceFactory(new org.h2.Driver()));
    }

    /** Deactivation is package-private, for SCR. */
    private static void deactivate(Object component) throws Exception {
        Method deactivate = component.getClass().getDeclaredMethod("deactivate");
        deactivate.setAccessible(true);
        deactivate.invoke(component);
    }
}
