package org.debswarm.node.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.debswarm.aptlistener.IndexEntry;
import org.debswarm.aptlistener.PackagesIndex;
import org.debswarm.node.NodeTorrent;
import org.debswarm.node.NodeTorrent.Kind;
import org.debswarm.node.NodeTorrent.State;
import org.debswarm.node.internal.tracker.RealTracker;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.PackagesTorrents;
import org.debswarm.torrent.internal.DefaultTorrentRegistry;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Stop, start and forget of Packages torrents on the real registry, store and tracker: a stopped torrent stays
 * stopped across a new index of the same file and a restart of the node (the held file in its home folder); a
 * forgotten one is left out of the list until an index with another SHA-256 lists it.
 */
public class TorrentActionsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String HOST = "deb.debian.org";
    private static final String INDEX = "debian/dists/bookworm/main/binary-amd64/Packages.xz";

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private RealTracker tracker;
    private FileSystemPieceStore store;
    private DefaultTorrentRegistry registry;
    private RecordingSwarmControl swarm;
    private NodeSwarm node;
    private Path home;

    @Before
    public void start() throws Exception {
        tracker = new RealTracker(folder.newFolder("tracker").toPath());
        store = NodeTestSupport.store(folder.newFolder("data").toPath());
        home = folder.getRoot().toPath().resolve("home");
        activate();
    }

    @After
    public void stop() throws Exception {
        deactivate();
        store.close();
        tracker.close();
    }

    /** A fresh registry and node, as after a restart of the node; the home folder stays. */
    private void activate() throws Exception {
        registry = NodeTestSupport.registry("PT0S");
        swarm = new RecordingSwarmControl();
        node = new NodeSwarm(NodeTestSupport.config(Map.of("trackers", new String[] {tracker.announce().toString()},
                "watchTorrentFolder", false)), folder.getRoot().toPath().resolve("torrents"), home,
                NodeTestSupport.factory(), registry, store, swarm);
        NodeTestSupport.listen(registry, node);
    }

    private void deactivate() throws Exception {
        if (node != null) {
            node.deactivate();
            NodeTestSupport.deactivate(registry);
            node = null;
        }
    }

    private static PackagesIndex index(String sha256) throws Exception {
        byte[] content = new byte[1000];
        new Random(7).nextBytes(content);
        return new PackagesIndex(HOST, INDEX, sha256, Instant.now(), List.of(new IndexEntry(new FileKey(HOST,
                "debian/pool/main/h/hello/hello_1_amd64.deb", 1000, NodeTestSupport.sha256(content)), "amd64")));
    }

    private static InfoHash torrentOf(PackagesIndex index) {
        PackagesTorrents torrents = IndexTorrents.of(NodeTestSupport.factory(), index);
        return torrents.architecture().infoHash();
    }

    /** Hands the index over and waits until the node thread handled it (an action queued behind it). */
    private void indexed(PackagesIndex index) throws Exception {
        node.packagesIndexed(index);
        node.stop(InfoHash.fromHex("00".repeat(20))).handle((t, e) -> null).get(10, TimeUnit.SECONDS);
    }

    private State state(InfoHash hash) {
        return node.torrent(hash).map(NodeTorrent::state).orElse(null);
    }

    @Test
    public void aStoppedTorrentStaysStoppedAcrossANewIndexAndARestartUntilStarted() throws Exception {
        PackagesIndex index = index("a".repeat(64));
        InfoHash hash = torrentOf(index);
        indexed(index);
        assertTrue(swarm.isRunning(hash));
        assertNotNull(tracker.nextAnnounce("started", WAIT));
        NodeTorrent listed = node.torrents().get(0);
        assertEquals(Kind.PACKAGES, listed.kind());
        assertEquals(registry.find(hash).orElseThrow().name(), listed.name());

        NodeTorrent stopped = node.stop(hash).get(10, TimeUnit.SECONDS);
        assertEquals(State.STOPPED, stopped.state());
        assertFalse(swarm.isRunning(hash));
        assertNotNull("the tracker hears stopped", tracker.nextAnnounce("stopped", WAIT));
        assertEquals(List.of(), tracker.stats().peers(hash.toHex()));

        indexed(index("b".repeat(64))); // apt fetched the same entries again
        assertFalse(swarm.isRunning(hash));
        assertEquals(State.STOPPED, state(hash));

        deactivate();
        assertTrue(Files.readString(home.resolve(NodeSwarm.HELD_FILE)).contains("stopped " + hash.toHex()));
        activate();
        indexed(index);
        assertFalse("stopped across a restart", swarm.wasStarted(hash));
        assertEquals(State.STOPPED, state(hash));

        assertEquals(State.RUNNING, node.start(hash).get(10, TimeUnit.SECONDS).state());
        assertTrue(swarm.isRunning(hash));
        assertNotNull("announced again", tracker.nextAnnounce("started", WAIT));
        assertFalse(Files.readString(home.resolve(NodeSwarm.HELD_FILE)).contains(hash.toHex()));
    }

    @Test
    public void aForgottenTorrentReturnsOnlyWithANewVersionOfItsIndex() throws Exception {
        PackagesIndex index = index("c".repeat(64));
        InfoHash hash = torrentOf(index);
        indexed(index);
        assertEquals(State.FORGOTTEN, node.forget(hash).get(10, TimeUnit.SECONDS).state());
        assertFalse(swarm.isRunning(hash));

        deactivate();
        activate();
        indexed(index); // the same file, read again from the cache at start
        assertFalse(swarm.wasStarted(hash));
        assertEquals(State.FORGOTTEN, state(hash));

        indexed(index("d".repeat(64))); // a new version of the Packages file that still lists it
        assertTrue(swarm.isRunning(hash));
        assertEquals(State.RUNNING, state(hash));
    }

    @Test
    public void anUnknownTorrentIsRefused() throws Exception {
        for (String action : List.of("stop", "start", "forget")) {
            InfoHash unknown = InfoHash.fromHex("ab".repeat(20));
            try {
                (action.equals("stop") ? node.stop(unknown) : action.equals("start") ? node.start(unknown)
                        : node.forget(unknown)).get(10, TimeUnit.SECONDS);
                fail(action + " of an unknown torrent");
            } catch (ExecutionException e) {
                assertTrue(e.getCause().toString(), e.getCause() instanceof NoSuchElementException);
                assertTrue(e.getCause().getMessage(), e.getCause().getMessage().contains(unknown.toHex()));
            }
        }
    }
}
