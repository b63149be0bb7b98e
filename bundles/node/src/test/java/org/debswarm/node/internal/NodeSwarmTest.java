package org.debswarm.node.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.debswarm.aptlistener.IndexEntry;
import org.debswarm.aptlistener.PackagesIndex;
import org.debswarm.aptlistener.internal.Catalog;
import org.debswarm.node.internal.tracker.Query;
import org.debswarm.node.internal.tracker.RealTracker;
import org.debswarm.rfc822.internal.DefaultControlParser;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.PackagesTorrentBuilder;
import org.debswarm.torrent.PackagesTorrents;
import org.debswarm.torrent.SourceIndex;
import org.debswarm.torrent.TorrentFactory;
import org.debswarm.torrent.internal.DefaultTorrentRegistry;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The node glue on real parts: a Packages index as the apt listener hands it over becomes two registered
 * torrents, started through the swarm control and announced to Debswarm's real tracker; dropped torrents and
 * deactivation send {@code stopped}.
 */
public class NodeSwarmTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String HOST = "deb.debian.org";
    private static final String INDEX = "debian/dists/bookworm/main/binary-amd64/Packages.xz";

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final Random random = new Random(42);
    private final TorrentFactory factory = NodeTestSupport.factory();
    private final DefaultTorrentRegistry registry = NodeTestSupport.registry("PT0S");
    private final RecordingSwarmControl swarm = new RecordingSwarmControl();
    private final Map<String, byte[]> files = new HashMap<>();
    private RealTracker tracker;
    private FileSystemPieceStore store;
    private NodeSwarm node;

    @Before
    public void start() throws Exception {
        tracker = new RealTracker(folder.newFolder("tracker").toPath());
        store = NodeTestSupport.store(folder.newFolder("data").toPath());
        Path torrents = folder.newFolder("torrents").toPath();
        node = new NodeSwarm(NodeTestSupport.config(Map.of("trackers", new String[] {tracker.announce().toString()},
                "numwant", 20, "announceDeadline", 5, "stopDeadline", 5, "watchTorrentFolder", false)),
                torrents, folder.getRoot().toPath().resolve("home"), factory, registry, store, swarm);
        NodeTestSupport.listen(registry, node);
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

    private IndexEntry entry(String path, int size, String architecture) throws Exception {
        byte[] content = files.computeIfAbsent(path, p -> {
            byte[] b = new byte[size];
            random.nextBytes(b);
            return b;
        });
        return new IndexEntry(new FileKey(HOST, "debian/" + path, size, NodeTestSupport.sha256(content)),
                architecture);
    }

    private PackagesIndex index(IndexEntry... entries) {
        return new PackagesIndex(HOST, INDEX, "0".repeat(64), Instant.now(), List.of(entries));
    }

    /** The torrents derived independently, from archive-root paths as Packages' Filename gives them. */
    private PackagesTorrents expected(PackagesIndex index) {
        PackagesTorrentBuilder builder = factory.packagesBuilder(HOST, INDEX);
        for (IndexEntry e : index.entries()) {
            builder.add(e.key().path().substring("debian/".length()), e.key().size(), e.key().sha256(),
                    e.architectureAll());
        }
        return builder.build();
    }

    private PackagesIndex first() throws Exception {
        return index(entry("pool/main/h/hello/hello_2.10-3_amd64.deb", 1000, "amd64"),
                entry("pool/main/b/bash/bash_5.2.15-2_amd64.deb", 2000, "amd64"),
                entry("pool/main/t/tzdata/tzdata_2024a-0_all.deb", 300, "all"),
                entry("pool/main/d/debconf/debconf_1.5.82_all.deb", 400, "all"));
    }

    @Test
    public void anIndexBecomesTwoRegisteredStartedAndAnnouncedTorrents() throws Exception {
        PackagesIndex index = first();
        NodeTestSupport.put(store, HOST, "debian/pool/main/t/tzdata/tzdata_2024a-0_all.deb",
                files.get("pool/main/t/tzdata/tzdata_2024a-0_all.deb"));
        PackagesTorrents expected = expected(index);
        InfoHash arch = expected.architecture().infoHash();
        InfoHash all = expected.all().infoHash();

        node.packagesIndexed(index);
        swarm.awaitStart(arch);
        swarm.awaitStart(all);
        List<PackagesTorrent> current = registry.current(new SourceIndex(HOST, INDEX));
        assertEquals(Set.of(arch, all), Set.of(current.get(0).infoHash(), current.get(1).infoHash()));
        PackagesTorrent allTorrent = registry.find(all).orElseThrow();
        assertEquals("tzdata is in the store: had", 1, allTorrent.had().cardinality());

        Map<InfoHash, Query> started = Map.of(hashOf(next("started")), last, hashOf(next("started")), last);
        assertEquals(Set.of(arch, all), started.keySet());
        Query archAnnounce = started.get(arch);
        assertEquals("3000", archAnnounce.param("left"));
        assertEquals("400", started.get(all).param("left"));
        assertEquals(registry.find(arch).orElseThrow().name(), archAnnounce.text("name"));
        assertEquals("6881", archAnnounce.param("port"));
        assertEquals("20", archAnnounce.param("numwant"));
        assertArrayEquals(swarm.peerId().toByteArray(), archAnnounce.bytes("peer_id"));
        assertTrue(swarm.peerId().utf8().startsWith("-DS0100-"));
        assertEquals(registry.find(arch).orElseThrow().name(),
                tracker.stats().torrent(arch.toHex()).orElseThrow().name());
        assertEquals(400, tracker.stats().peers(all.toHex()).get(0).left());
    }

    /**
     * A Sources index, parsed by the apt listener's own catalog, becomes exactly one torrent named
     * {@code <host> bookworm main source}, with the info hash that the torrent bundle's {@code fromSources} derives
     * from the same file; it is started and announced under that name.
     */
    @Test
    public void aSourcesIndexBecomesOneSourceTorrentAsFromSourcesDerivesIt() throws Exception {
        String path = "debian/dists/bookworm/main/source/Sources";
        String shared = " " + "a".repeat(64) + " 2000 hello_2.10.orig.tar.gz\n";
        Path file = folder.newFile("Sources").toPath();
        Files.writeString(file, "Package: hello\nVersion: 2.10-3\nDirectory: pool/main/h/hello\nChecksums-Sha256:\n "
                + "b".repeat(64) + " 1200 hello_2.10-3.dsc\n" + shared + " " + "c".repeat(64)
                + " 300 hello_2.10-3.debian.tar.xz\n\nPackage: hello\nVersion: 2.10-2\nDirectory: pool/main/h/hello\n"
                + "Checksums-Sha256:\n " + "d".repeat(64) + " 1100 hello_2.10-2.dsc\n" + shared + "\n",
                StandardCharsets.UTF_8);
        PackagesIndex index = parsedByTheAptListener(path, file);
        assertTrue(index.isSources());
        InfoHash expected;
        try (InputStream in = Files.newInputStream(file)) {
            expected = factory.fromSources(HOST, path, in).architecture().infoHash();
        }

        node.packagesIndexed(index);
        swarm.awaitStart(expected);
        String name = HOST + " bookworm main source";
        List<PackagesTorrent> registered = registry.torrents();
        assertEquals("one torrent, no empty 'all' one: " + registered, 1, registered.size());
        assertEquals(name, registered.get(0).name());
        assertEquals(expected, registered.get(0).infoHash());
        assertEquals("the shared orig tarball once", 4, registered.get(0).pieceCount());
        assertEquals(List.of(expected), registry.current(new SourceIndex(HOST, path)).stream()
                .map(PackagesTorrent::infoHash).toList());
        Query started = next("started");
        assertEquals(expected, hashOf(started));
        assertEquals(name, started.text("name"));
    }

    /** The index as the apt listener hands it over: parsed by its real catalog, with the real control parser. */
    private static PackagesIndex parsedByTheAptListener(String path, Path file) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Catalog catalog = new Catalog(DefaultControlParser::new, thread);
            catalog.ensureParsed(HOST, path, file, NodeTestSupport.sha256(Files.readAllBytes(file)))
                    .get(10, TimeUnit.SECONDS);
            assertEquals(1, catalog.indexes().size());
            return catalog.indexes().get(0);
        } finally {
            thread.shutdownNow();
            thread.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    public void aDroppedTorrentIsStoppedAndItsTrackerHearsStopped() throws Exception {
        PackagesIndex first = first();
        InfoHash oldArch = expected(first).architecture().infoHash();
        InfoHash all = expected(first).all().infoHash();
        node.packagesIndexed(first);
        swarm.awaitStart(oldArch);
        swarm.awaitStart(all);
        next("started");
        next("started");

        PackagesIndex second = index(entry("pool/main/h/hello/hello_2.10-4_amd64.deb", 1100, "amd64"),
                entry("pool/main/b/bash/bash_5.2.15-2_amd64.deb", 2000, "amd64"),
                entry("pool/main/t/tzdata/tzdata_2024a-0_all.deb", 300, "all"),
                entry("pool/main/d/debconf/debconf_1.5.82_all.deb", 400, "all"));
        InfoHash newArch = expected(second).architecture().infoHash();
        node.packagesIndexed(second);
        swarm.awaitStart(newArch);
        swarm.awaitStop(oldArch); // retention PT0S: superseded, then dropped at once
        assertEquals(Set.of("stopped " + oldArch, "started " + newArch), announces(2));
        assertFalse("the all torrent did not change: it keeps running", swarm.wasStopped(all));
        assertEquals(List.of(), tracker.stats().peers(oldArch.toHex()));
    }

    @Test
    public void deactivationTellsEveryTrackerStopped() throws Exception {
        PackagesIndex index = first();
        node.packagesIndexed(index);
        next("started");
        next("started");
        long start = System.nanoTime();
        node.deactivate();
        node = null;
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(6)) < 0);
        PackagesTorrents expected = expected(index);
        assertEquals(Set.of(expected.architecture().infoHash(), expected.all().infoHash()),
                Set.of(hashOf(next("stopped")), hashOf(next("stopped"))));
        assertTrue(swarm.wasStopped(expected.architecture().infoHash()));
    }

    private Query last;

    private Query next(String event) throws InterruptedException {
        last = tracker.nextAnnounce(event, WAIT);
        assertNotNull("no '" + event + "' announce within " + WAIT, last);
        return last;
    }

    /** The event and info hash of the next {@code n} announces, whatever their order. */
    private Set<String> announces(int n) throws InterruptedException {
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            Query q = tracker.nextAnnounce(WAIT);
            assertNotNull("announce " + (i + 1) + " of " + n + " not within " + WAIT, q);
            seen.add((q.param("event") == null ? "" : q.param("event")) + " " + hashOf(q));
        }
        return seen;
    }

    private static InfoHash hashOf(Query q) {
        return InfoHash.of(q.bytes("info_hash"));
    }
}
