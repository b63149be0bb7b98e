package org.debswarm.node.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.debswarm.node.internal.tracker.Query;
import org.debswarm.node.internal.tracker.RealTracker;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.torrent.MetaInfo;
import org.debswarm.torrent.TorrentFactory;
import org.debswarm.torrent.internal.DefaultTorrentRegistry;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.debswarm.node.NodeTorrent;
import org.debswarm.node.NodeTorrent.Kind;
import org.debswarm.node.NodeTorrent.State;
import org.debswarm.torrent.InfoHash;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Standard .torrent files in the watched folder: one there at activation is found by the scan and seeded
 * (its content is in place), one dropped in later is started as a download, removing a file stops its torrent;
 * each is announced to the tracker its .torrent names.
 */
public class TorrentFolderTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final TorrentFactory factory = NodeTestSupport.factory();
    private final DefaultTorrentRegistry registry = NodeTestSupport.registry("P1D");
    private final RecordingSwarmControl swarm = new RecordingSwarmControl();
    private RealTracker tracker;
    private FileSystemPieceStore store;
    private Path data;
    private Path torrents;
    private NodeSwarm node;

    @Before
    public void start() throws Exception {
        tracker = new RealTracker(folder.newFolder("tracker").toPath());
        data = folder.newFolder("data").toPath();
        store = NodeTestSupport.store(data);
        torrents = data.resolve("torrents"); // <debswarm.home>/torrents, where the store also puts the content
    }

    @After
    public void stop() throws Exception {
        if (node != null) {
            node.deactivate();
        }
        NodeTestSupport.deactivate(registry);
        store.close();
        tracker.close();
    }

    private void activate() {
        node = new NodeSwarm(NodeTestSupport.config(Map.of("trackers", new String[0], "stopDeadline", 5)),
                torrents, folder.getRoot().toPath().resolve("home"), factory, registry, store, swarm);
    }

    /** A folder of two files and its .torrent naming the test tracker. */
    private byte[] torrentOf(String name, long seed) throws Exception {
        Path content = folder.newFolder("source-" + name, name).toPath();
        Random random = new Random(seed);
        byte[] a = new byte[100_000];
        byte[] b = new byte[50_000];
        random.nextBytes(a);
        random.nextBytes(b);
        Files.write(content.resolve("a.bin"), a);
        Files.createDirectories(content.resolve("sub"));
        Files.write(content.resolve("sub/b.bin"), b);
        return factory.createTorrentFile(content, List.of(tracker.announce().toString()), 16384);
    }

    /** Written beside, then renamed: the watcher sees a complete file. */
    private void drop(String fileName, byte[] torrent) throws Exception {
        Path part = torrents.resolve(fileName + ".part");
        Files.write(part, torrent);
        Files.move(part, torrents.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    public void scannedSeededDroppedDownloadedRemovedStopped() throws Exception {
        byte[] seedFile = torrentOf("seeded", 1);
        MetaInfo seed = factory.readTorrentFile(seedFile);
        Files.createDirectories(torrents);
        copyContent("seeded");
        drop("seeded.torrent", seedFile);
        activate();

        RecordingSwarmControl.Start seeding = swarm.awaitStart(seed.infoHash());
        assertEquals(seed.pieceCount(), seeding.had().cardinality());
        assertNotNull(seeding.storage());
        Query started = tracker.nextAnnounce("started", WAIT);
        assertNotNull("no announce to the .torrent's tracker", started);
        assertEquals("0", started.param("left"));
        assertEquals("seeded", started.text("name"));

        byte[] fetchFile = torrentOf("fetched", 2);
        MetaInfo fetch = factory.readTorrentFile(fetchFile);
        drop("fetched.torrent", fetchFile);
        RecordingSwarmControl.Start fetching = swarm.awaitStart(fetch.infoHash());
        assertEquals(0, fetching.had().cardinality());
        assertTrue("content pre-allocated in the store", Files.isRegularFile(torrents.resolve("fetched/sub/b.bin")));
        Query fetchAnnounce = tracker.nextAnnounce("started", WAIT);
        assertEquals(String.valueOf(fetch.totalLength()), fetchAnnounce.param("left"));

        Files.delete(torrents.resolve("fetched.torrent"));
        swarm.awaitStop(fetch.infoHash());
        assertNotNull("stopped sent", tracker.nextAnnounce("stopped", WAIT));
        assertFalse(swarm.wasStopped(seed.infoHash()));
    }

    @Test
    public void anAdministratorStopsStartsAndForgetsAStandardTorrent() throws Exception {
        byte[] file = torrentOf("shared", 4);
        MetaInfo meta = factory.readTorrentFile(file);
        Files.createDirectories(torrents);
        copyContent("shared");
        drop("shared.torrent", file);
        activate();
        swarm.awaitStart(meta.infoHash());
        assertNotNull(tracker.nextAnnounce("started", WAIT));
        assertEquals(List.of(new NodeTorrent(meta.infoHash(), "shared", Kind.STANDARD, State.RUNNING)),
                node.torrents());

        assertEquals(State.STOPPED, node.stop(meta.infoHash()).get(10, TimeUnit.SECONDS).state());
        assertFalse(swarm.isRunning(meta.infoHash()));
        assertNotNull("stopped sent", tracker.nextAnnounce("stopped", WAIT));
        byte[] markerFile = torrentOf("marker", 5);
        drop("marker.torrent", markerFile);
        node.deactivate();
        RecordingSwarmControl restarted = new RecordingSwarmControl();
        node = new NodeSwarm(NodeTestSupport.config(Map.of("trackers", new String[0], "stopDeadline", 5)),
                torrents, folder.getRoot().toPath().resolve("home"), factory, registry, store, restarted);
        restarted.awaitStart(factory.readTorrentFile(markerFile).infoHash()); // the scan at start is under way
        assertEquals("stopped across a restart", State.STOPPED, stateAfterScan(meta.infoHash()));
        assertFalse(restarted.wasStarted(meta.infoHash()));

        assertEquals(State.RUNNING, node.start(meta.infoHash()).get(10, TimeUnit.SECONDS).state());
        assertEquals("seeded again: pieces checked", meta.pieceCount(),
                restarted.awaitStart(meta.infoHash()).had().cardinality());

        assertEquals(State.FORGOTTEN, node.forget(meta.infoHash()).get(10, TimeUnit.SECONDS).state());
        assertFalse(restarted.isRunning(meta.infoHash()));
        assertEquals(List.of("marker"), node.torrents().stream().map(NodeTorrent::name).toList());
        assertFalse(Files.exists(torrents.resolve("shared.torrent")));
        assertTrue(Files.isRegularFile(folder.getRoot().toPath().resolve("home/forgotten-torrents/shared.torrent")));
        assertTrue("the data is kept", Files.isRegularFile(torrents.resolve("shared/sub/b.bin")));
        try {
            node.start(meta.infoHash()).get(10, TimeUnit.SECONDS);
            fail("a forgotten standard torrent is unknown");
        } catch (ExecutionException e) {
            assertTrue(e.getCause().toString(), e.getCause() instanceof NoSuchElementException);
        }
    }

    /** The state of a torrent once the node thread finished what is queued (the scan): an action waits for it. */
    private State stateAfterScan(InfoHash hash) throws Exception {
        node.stop(InfoHash.fromHex("00".repeat(20))).handle((t, e) -> null).get(10, TimeUnit.SECONDS);
        return node.torrent(hash).orElseThrow().state();
    }

    @Test
    public void aBrokenTorrentFileIsReportedAndSkipped() throws Exception {
        Files.createDirectories(torrents);
        Files.write(torrents.resolve("broken.torrent"), "d4:infoi1ee".getBytes());
        activate();
        byte[] good = torrentOf("good", 3);
        drop("good.torrent", good);
        swarm.awaitStart(factory.readTorrentFile(good).infoHash()); // the folder still works after the bad one
    }

    private void copyContent(String name) throws Exception {
        Path source = folder.getRoot().toPath().resolve("source-" + name).resolve(name);
        Path target = torrents.resolve(name);
        Files.createDirectories(target.resolve("sub"));
        Files.copy(source.resolve("a.bin"), target.resolve("a.bin"));
        Files.copy(source.resolve("sub/b.bin"), target.resolve("sub/b.bin"));
    }
}
