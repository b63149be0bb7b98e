package org.debswarm.node.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.debswarm.aptlistener.IndexEntry;
import org.debswarm.aptlistener.PackagesIndex;
import org.debswarm.node.internal.tracker.Query;
import org.debswarm.node.internal.tracker.RealTracker;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.internal.DefaultTorrentRegistry;
import org.debswarm.tracker.PeerStats;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Issue 6: the node glue is deactivated and activated again at start-up (its store or engine arrives late), each
 * time with another peer id. The real tracker must end with one peer entry, the last instance's: the
 * {@code stopped} of an instance stopped while its {@code started} is still under way must not overtake it.
 * The tracker here is slow to answer {@code started} (300 ms), as a busy one is.
 */
public class ReactivationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private RealTracker tracker;
    private FileSystemPieceStore store;
    private final List<DefaultTorrentRegistry> registries = new ArrayList<>();

    @Before
    public void start() throws Exception {
        tracker = new RealTracker(folder.newFolder("tracker").toPath(), query -> {
            if ("started".equals(query.param("event"))) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        store = NodeTestSupport.store(folder.newFolder("data").toPath());
    }

    @After
    public void stop() throws Exception {
        for (DefaultTorrentRegistry r : registries) {
            NodeTestSupport.deactivate(r);
        }
        store.close();
        tracker.close();
    }

    @Test
    public void aNodeStoppedWhileItsStartedIsUnderWayLeavesNoPeerEntry() throws Exception {
        PackagesIndex index = index();
        RecordingSwarmControl last = null;
        NodeSwarm node = null;
        InfoHash hash = null;
        for (int i = 0; i < 3; i++) {
            last = new RecordingSwarmControl();
            node = node(last);
            node.packagesIndexed(index);
            hash = IndexTorrents.of(NodeTestSupport.factory(), index).architecture().infoHash();
            last.awaitStart(hash);
            if (i < 2) {
                node.deactivate(); // the started is at the tracker, not answered yet
            }
        }
        Query started = awaitStartedOf(last);
        assertNotNull("the last instance announced", started);
        List<PeerStats> peers = tracker.stats().peers(hash.toHex());
        assertEquals("one entry, the last instance's: " + peers, 1, peers.size());
        assertEquals(last.peerId().toHex(), peers.get(0).peerId());
        node.deactivate();
        assertEquals(List.of(), tracker.stats().peers(hash.toHex()));
    }

    private Query awaitStartedOf(RecordingSwarmControl swarm) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            Query q = tracker.nextAnnounce("started", WAIT);
            if (q != null && java.util.Arrays.equals(q.bytes("peer_id"), swarm.peerId().toByteArray())) {
                return q;
            }
        }
        return null;
    }

    private NodeSwarm node(SwarmControl swarm) throws Exception {
        DefaultTorrentRegistry registry = NodeTestSupport.registry("PT0S");
        registries.add(registry);
        Path torrents = folder.getRoot().toPath().resolve("torrents");
        return new NodeSwarm(NodeTestSupport.config(Map.of("trackers", new String[] {tracker.announce().toString()},
                "watchTorrentFolder", false)), torrents, folder.getRoot().toPath().resolve("home"),
                NodeTestSupport.factory(), registry, store, swarm);
    }

    private static PackagesIndex index() throws Exception {
        byte[] content = new byte[1000];
        new Random(1).nextBytes(content);
        return new PackagesIndex("deb.debian.org", "debian/dists/bookworm/main/binary-amd64/Packages",
                "1".repeat(64), Instant.now(), List.of(new IndexEntry(new FileKey("deb.debian.org",
                        "debian/pool/main/a/a/a_1_amd64.deb", 1000, NodeTestSupport.sha256(content)), "amd64")));
    }
}
