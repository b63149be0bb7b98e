package org.debswarm.itests.apt;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.debswarm.itests.Distribution;
import org.debswarm.itests.NodeProcess;
import org.debswarm.rfc822.internal.DefaultControlParser;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.PackagesTorrents;
import org.debswarm.torrent.internal.DefaultTorrentFactory;
import org.junit.After;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Two real nodes and one tracker (the first node's), each node used by its own real apt: the first node
 * fetches a package from the mirror, turns the Packages index into torrents and announces them; the second
 * node, asked for the same package, gets it from the first over the peer wire, and the mirror serves that
 * package once in all. Each node's statistics count the package's bytes exactly once (from the mirror, from a
 * peer, uploaded), and still do after a restart.
 */
public class SwarmIT {

    private static final Duration ANNOUNCED = Duration.ofSeconds(60);

    @Rule
    public final TemporaryFolder work = new TemporaryFolder();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private MirrorServer mirror;
    private NodeProcess first;
    private NodeProcess second;
    private NodeProcess third;
    private NodeProcess fourth;

    @BeforeClass
    public static void toolsArePresent() {
        assumeTrue("apt-get, dpkg-deb, xz and gpg are needed", Tools.available("apt-get", "dpkg-deb", "xz", "gpg", "gpgconf"));
    }

    @After
    public void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {fourth, third, second, first, mirror}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    public void theSecondNodeGetsThePackageFromTheFirstAndTheMirrorServesItOnce() throws Exception {
        DebianArchive archive = DebianArchive.in(work.newFolder("archive").toPath())
                .deb("hello", 20).deb("big", 3 * 1024).publish();
        mirror = new MirrorServer(archive.root);
        first = AptNode.start(work.newFolder("first").toPath(), mirror);
        Path secondWork = work.newFolder("second").toPath();
        second = AptNode.start(secondWork, mirror);
        String tracker = "http://127.0.0.1:" + first.trackerPort() + "/announce";
        joinSwarm(first, tracker, "");
        joinSwarm(second, tracker, "");

        AptClient aptOfFirst = new AptClient(work.newFolder("apt1").toPath(), AptNode.prefixSource(first, mirror, archive), null);
        assertTrue(aptOfFirst.update().ok());
        Path one = work.newFolder("one").toPath();
        Tools.Result fromMirror = aptOfFirst.download(one, "big");
        assertTrue(fromMirror.output(), fromMirror.ok());
        assertIdentical(archive, one, "big");

        String torrentName = mirror.authority() + " " + DebianArchive.SUITE + " main binary-all";
        String stats = awaitTrackerStats(tracker, s -> s.contains("\"name\":\"" + torrentName + "\",\"seeders\":0,"));
        assertTrue("the first node announced its torrent, as a leecher: " + stats, stats.contains(torrentName));

        AptClient aptOfSecond = new AptClient(work.newFolder("apt2").toPath(), AptNode.mirrorSource(mirror, archive),
                AptNode.proxy(second));
        assertTrue(aptOfSecond.update().ok());
        awaitConnected(second);
        Path two = work.newFolder("two").toPath();
        Tools.Result fromPeer = aptOfSecond.download(two, "big");
        assertTrue(fromPeer.output(), fromPeer.ok());
        assertIdentical(archive, two, "big");
        assertEquals("the mirror served the package once; the second node had it from the first: " + mirror.log(),
                1, mirror.gets(archive.path("big")));
        assertTrue("and stored it, verified", Files.isRegularFile(second.home().resolve("mirrors")
                .resolve(mirror.authority()).resolve(archive.path("big"))));

        long size = Files.size(archive.file("big"));
        // the second node's by-hash Packages.xz comes from the first too when their content swarm was connected as
        // its apt updated (issue 13 item 6, issue 14); either way, counted once
        long byHash = Files.size(archive.root.resolve(archive.byHashPath("Packages.xz")));
        Map<String, Long> firstFigures = awaitNodeTotals(first, Set.of("fromMirrors", "fromPeers", "uploaded"),
                t -> (t.getOrDefault("uploaded", 0L) == size || t.getOrDefault("uploaded", 0L) == size + byHash)
                        && t.getOrDefault("fromMirrors", 0L) > size);
        long indexBytes = firstFigures.getOrDefault("fromMirrors", 0L) - size;
        long shared = firstFigures.getOrDefault("uploaded", 0L) - size;
        assertEquals("the first node: the package and the index files from the mirror, the package (and perhaps the"
                + " by-hash index) uploaded to the second", Map.of("fromMirrors", size + indexBytes, "fromPeers", 0L,
                "uploaded", size + shared), firstFigures);
        assertTrue("index files are mirror bytes too: " + indexBytes, indexBytes > 0);
        // the second node's apt goes through it as a proxy, the first's by URL prefix: their index requests differ,
        // so the second's mirror bytes are index files of its own, never the package
        Map<String, Long> counted = awaitNodeTotals(second, Set.of("fromMirrors", "fromPeers", "uploaded"),
                t -> t.getOrDefault("fromPeers", 0L) == size + shared && t.getOrDefault("fromMirrors", 0L) > 0);
        assertEquals("the second node: the package from its peer, nothing uploaded: " + counted,
                List.of(size + shared, 0L), List.of(counted.getOrDefault("fromPeers", 0L),
                        counted.getOrDefault("uploaded", 0L)));
        assertTrue("the second node's mirror bytes are index files only: " + counted,
                counted.get("fromMirrors") < size);
        second.stop(Duration.ofSeconds(30));
        second = AptNode.start(secondWork, mirror);
        awaitFigures(second, "the same figures after a restart", counted);
    }

    /**
     * Issue 14: two nodes at different index versions share every file they have in common, through the content
     * swarm. The first node's apt reads index v1 and downloads five packages; the mirror publishes v2 (v1 plus a new
     * package: another Packages file, so other torrents); the second node's apt reads v2 and downloads the same five,
     * which the mirror then has sent once each. The reverse: the second node downloads a sixth package, and the
     * first, still at v1, gets it from the second.
     */
    @Test
    public void nodesAtDifferentIndexVersionsShareTheFilesTheyHaveInCommon() throws Exception {
        String[] five = {"alpha", "bravo", "charlie", "delta", "echo"};
        DebianArchive archive = DebianArchive.in(work.newFolder("archive").toPath());
        for (String name : five) {
            archive.deb(name, 200);
        }
        archive.deb("foxtrot", 300).publish();
        twoNodes(archive);

        AptClient aptOfFirst = new AptClient(work.newFolder("apt1").toPath(), AptNode.prefixSource(first, mirror, archive), null);
        assertTrue(aptOfFirst.update().ok());
        Tools.Result atV1 = aptOfFirst.download(work.newFolder("one").toPath(), five);
        assertTrue(atV1.output(), atV1.ok());
        long fiveBytes = 0;
        for (String name : five) {
            fiveBytes += Files.size(archive.file(name));
        }
        awaitContentHeld(first, fiveBytes);

        archive.deb("golf", 100).publish();
        AptClient aptOfSecond = new AptClient(work.newFolder("apt2").toPath(), AptNode.mirrorSource(mirror, archive),
                AptNode.proxy(second));
        assertTrue(aptOfSecond.update().ok());
        awaitConnected(second);
        Path two = work.newFolder("two").toPath();
        Tools.Result atV2 = aptOfSecond.download(two, five);
        assertTrue(atV2.output(), atV2.ok());
        for (String name : five) {
            assertIdentical(archive, two, name);
            assertEquals(name + ": the mirror sent it once, the second node had it from the first: " + mirror.log(),
                    1, mirror.gets(archive.path(name)));
        }

        Tools.Result newer = aptOfSecond.download(work.newFolder("three").toPath(), "foxtrot");
        assertTrue(newer.output(), newer.ok());
        awaitContentHeld(second, fiveBytes + Files.size(archive.file("foxtrot")));
        Path four = work.newFolder("four").toPath();
        Tools.Result older = aptOfFirst.download(four, "foxtrot");
        assertTrue(older.output(), older.ok());
        assertIdentical(archive, four, "foxtrot");
        assertEquals("foxtrot: the mirror sent it once, the first node (at v1) had it from the second: " + mirror.log(),
                1, mirror.gets(archive.path("foxtrot")));
    }

    /**
     * Issue 14 item 2: a version no current index lists keeps serving peers whose index still lists it. The first
     * node downloads hotel 1.0 at index v1; the second node reads v1 too; the mirror publishes v2, in which hotel 2.0
     * replaces 1.0, and the first node reads v2, so none of its indexes lists hotel 1.0 any more. The second node's
     * apt then asks for hotel 1.0, and gets it from the first: the mirror sent it once.
     */
    @Test
    public void aVersionNoCurrentIndexListsKeepsServingPeersThatStillWantIt() throws Exception {
        DebianArchive archive = DebianArchive.in(work.newFolder("archive").toPath()).deb("hotel", 300)
                .deb("india", 20).publish();
        twoNodes(archive);
        AptClient aptOfFirst = new AptClient(work.newFolder("apt1").toPath(), AptNode.prefixSource(first, mirror, archive), null);
        assertTrue(aptOfFirst.update().ok());
        assertTrue(aptOfFirst.download(work.newFolder("one").toPath(), "hotel").ok());
        AptClient aptOfSecond = new AptClient(work.newFolder("apt2").toPath(), AptNode.mirrorSource(mirror, archive),
                AptNode.proxy(second));
        assertTrue(aptOfSecond.update().ok());

        String oldPath = archive.path("hotel");
        byte[] oldBytes = Files.readAllBytes(archive.file("hotel"));
        archive.upgrade("hotel", 300, "2.0").publish();
        assertTrue(aptOfFirst.update().ok());
        awaitContentHeld(first, oldBytes.length);
        awaitConnected(second);
        Path two = work.newFolder("two").toPath();
        Tools.Result superseded = aptOfSecond.download(two, "hotel");
        assertTrue(superseded.output(), superseded.ok());
        assertArrayEquals("hotel 1.0, byte-identical", oldBytes, Files.readAllBytes(two.resolve("hotel_1.0_all.deb")));
        assertEquals("hotel 1.0: the mirror sent it once, the second node had it from the first: " + mirror.log(),
                1, mirror.gets(oldPath));
    }

    /**
     * Issue 14: two suites listing the same file (as bookworm and bookworm-updates do) are two Packages files, so two
     * torrents; the file is shared all the same. The first node's apt reads suite {@code test} (juliett and kilo),
     * the second's {@code test-updates} (juliett alone); the mirror sends juliett once.
     */
    @Test
    public void twoSuitesListingTheSameFileShareIt() throws Exception {
        DebianArchive archive = DebianArchive.in(work.newFolder("archive").toPath()).deb("juliett", 300)
                .deb("kilo", 20).publish().publishSuite("test-updates", "juliett");
        twoNodes(archive);
        AptClient aptOfFirst = new AptClient(work.newFolder("apt1").toPath(), AptNode.prefixSource(first, mirror, archive), null);
        assertTrue(aptOfFirst.update().ok());
        assertTrue(aptOfFirst.download(work.newFolder("one").toPath(), "juliett").ok());
        awaitContentHeld(first, Files.size(archive.file("juliett")));

        AptClient aptOfSecond = new AptClient(work.newFolder("apt2").toPath(),
                AptNode.mirrorSource(mirror, archive, "test-updates"), AptNode.proxy(second));
        assertTrue(aptOfSecond.update().ok());
        awaitConnected(second);
        Path two = work.newFolder("two").toPath();
        Tools.Result fromOtherSuite = aptOfSecond.download(two, "juliett");
        assertTrue(fromOtherSuite.output(), fromOtherSuite.ok());
        assertIdentical(archive, two, "juliett");
        assertEquals("juliett: the mirror sent it once, the second node (suite test-updates) had it from the first"
                + " (suite test): " + mirror.log(), 1, mirror.gets(archive.path("juliett")));
    }

    /**
     * Issue 14: an {@code Architecture: all} package listed under two architectures' indexes, which list different
     * {@code all} sets (so their {@code all} torrents differ), is shared all the same: the first node's apt is amd64,
     * the second's arm64; the mirror sends lima once.
     */
    @Test
    public void anArchitectureAllFileUnderTwoArchitecturesIsSharedAcrossThem() throws Exception {
        DebianArchive archive = DebianArchive.in(work.newFolder("archive").toPath()).deb("lima", 300)
                .deb("mike", 20, "amd64").deb("november", 20).architecture("arm64", "lima").publish();
        twoNodes(archive);
        AptClient aptOfFirst = new AptClient(work.newFolder("apt1").toPath(), AptNode.prefixSource(first, mirror, archive), null);
        assertTrue(aptOfFirst.update().ok());
        assertTrue(aptOfFirst.download(work.newFolder("one").toPath(), "lima").ok());
        awaitContentHeld(first, Files.size(archive.file("lima")));

        AptClient aptOfSecond = new AptClient(work.newFolder("apt2").toPath(), AptNode.mirrorSource(mirror, archive),
                AptNode.proxy(second)).option("APT::Architecture", "arm64").option("APT::Architectures", "arm64");
        Tools.Result update = aptOfSecond.update();
        assertTrue(update.output(), update.ok());
        awaitConnected(second);
        Path two = work.newFolder("two").toPath();
        Tools.Result onArm64 = aptOfSecond.download(two, "lima");
        assertTrue(onArm64.output(), onArm64.ok());
        assertIdentical(archive, two, "lima");
        assertEquals("lima: the mirror sent it once, the arm64 node had it from the amd64 node: " + mirror.log(), 1,
                mirror.gets(archive.path("lima")));
    }

    /**
     * Issue 14, churn: four nodes, an index that changes three times (each time one package upgraded and one added,
     * signed each time), each node reading it or not at each change (so they sit at different versions), and each
     * downloading three packages of its own index at each round, overlapping with the others'. The mirror sends at
     * most 1.05 times the bytes of the distinct files the nodes needed.
     */
    @Test
    public void underChurnTheMirrorSendsEachNeededFileAboutOnce() throws Exception {
        Random random = new Random(14);
        DebianArchive archive = DebianArchive.in(work.newFolder("archive").toPath());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            names.add("p" + i);
            archive.deb("p" + i, 100);
        }
        archive.publish();
        mirror = new MirrorServer(archive.root);
        NodeProcess[] nodes = new NodeProcess[4];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = AptNode.start(work.newFolder("node" + i).toPath(), mirror);
        }
        first = nodes[0];
        second = nodes[1];
        third = nodes[2];
        fourth = nodes[3];
        String tracker = "http://127.0.0.1:" + first.trackerPort() + "/announce";
        AptClient[] apts = new AptClient[nodes.length];
        List<Map<String, String>> seen = new ArrayList<>();
        List<Set<String>> heldPaths = new ArrayList<>();
        long[] held = new long[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            joinSwarm(nodes[i], tracker, "");
            apts[i] = new AptClient(work.newFolder("apt" + i).toPath(), AptNode.mirrorSource(mirror, archive),
                    AptNode.proxy(nodes[i]));
            seen.add(Map.of());
            heldPaths.add(new java.util.HashSet<>());
        }
        Map<String, Long> needed = new HashMap<>();
        for (int round = 0; round < 4; round++) {
            if (round > 0) {
                archive.upgrade(names.get(random.nextInt(names.size())), 100, "1." + round);
                names.add("q" + round);
                archive.deb("q" + round, 100).publish();
            }
            Map<String, String> current = new HashMap<>();
            names.forEach(n -> current.put(n, archive.path(n)));
            List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3));
            java.util.Collections.shuffle(order, random);
            for (int i : order) {
                if (round == 0 || random.nextBoolean()) {
                    assertTrue(apts[i].update().ok());
                    seen.set(i, current);
                }
                awaitContentPeers(nodes[i], nodes.length - 1);
                List<String> listed = new ArrayList<>(new java.util.TreeSet<>(seen.get(i).keySet()));
                java.util.Collections.shuffle(listed, random);
                String[] pick = listed.subList(0, 3).toArray(String[]::new);
                Tools.Result got = apts[i].download(work.newFolder("got" + round + "-" + i).toPath(), pick);
                assertTrue(got.output(), got.ok());
                for (String name : pick) {
                    String path = seen.get(i).get(name);
                    long size = Files.size(archive.root.resolve(path));
                    needed.put(path, size);
                    if (heldPaths.get(i).add(path)) {
                        held[i] += size;
                    }
                }
                awaitContentHeld(nodes[i], held[i]);
            }
        }
        long distinct = needed.values().stream().mapToLong(Long::longValue).sum();
        long sent = 0;
        for (Map.Entry<String, Long> file : needed.entrySet()) {
            sent += mirror.gets(file.getKey()) * file.getValue();
        }
        System.out.printf("SwarmIT churn: mirror sent %d bytes for %d distinct files of %d bytes (%.3fx)%n", sent,
                needed.size(), distinct, sent / (double) distinct);
        assertTrue("mirror bytes " + sent + " for " + needed.size() + " distinct files of " + distinct + " bytes"
                + " (expected: <= 1.05 times): " + mirror.log(), sent <= distinct * 105 / 100);
    }

    /**
     * Issue 13 item 6 through the content swarm: a by-hash index file (Packages.xz) that the first node stored when
     * its apt updated is what the second node's apt asks for next; no Packages torrent lists it, the content swarm
     * has it: the mirror sends it once.
     */
    @Test
    public void aByHashIndexFileComesFromAPeerThatStoredIt() throws Exception {
        DebianArchive archive = DebianArchive.in(work.newFolder("archive").toPath()).deb("oscar", 20).publish();
        String byHash = archive.byHashPath("Packages.xz");
        twoNodes(archive);
        AptClient aptOfFirst = new AptClient(work.newFolder("apt1").toPath(), AptNode.prefixSource(first, mirror, archive), null);
        assertTrue(aptOfFirst.update().ok());
        assertEquals("the first node fetched it: " + mirror.log(), 1, mirror.gets(byHash));
        awaitContentHeld(first, Files.size(archive.root.resolve(byHash)));
        awaitContentPeers(second, 1);
        AptClient aptOfSecond = new AptClient(work.newFolder("apt2").toPath(), AptNode.mirrorSource(mirror, archive),
                AptNode.proxy(second));
        Tools.Result update = aptOfSecond.update();
        assertTrue(update.output(), update.ok());
        assertEquals("the mirror sent it once, the second node had it from the first: " + mirror.log(), 1,
                mirror.gets(byHash));
    }

    /** The mirror of {@code archive}, and two nodes that announce to the first's tracker. */
    private void twoNodes(DebianArchive archive) throws Exception {
        mirror = new MirrorServer(archive.root);
        first = AptNode.start(work.newFolder("first").toPath(), mirror);
        second = AptNode.start(work.newFolder("second").toPath(), mirror);
        String tracker = "http://127.0.0.1:" + first.trackerPort() + "/announce";
        joinSwarm(first, tracker, "");
        joinSwarm(second, tracker, "");
    }

    /** Waits until the node's content swarm is connected to {@code peers} peers. */
    private void awaitContentPeers(NodeProcess node, int peers) throws Exception {
        Predicate<String> connected = json -> {
            int at = json.indexOf("\"name\":\"content swarm\"");
            if (at < 0) {
                return false;
            }
            int list = json.indexOf("\"peers\":[", at);
            String inside = json.substring(list, json.indexOf(']', list));
            return inside.split("\"peerId\"", -1).length - 1 >= peers;
        };
        String body = awaitJson(URI.create("http://127.0.0.1:" + node.consolePort() + "/debswarm/stats.json"), connected);
        assertTrue("the content swarm connected to " + peers + " peers within " + ANNOUNCED + ": " + body,
                connected.test(body));
    }

    private static final Pattern CONTENT_HELD = Pattern.compile("\"name\":\"content swarm\",\"totalBytes\":\\d+,"
            + "\"bytesHad\":(\\d+)");

    /** Waits until the node's content swarm offers at least {@code bytes}: its peers hear of them as it does. */
    private void awaitContentHeld(NodeProcess node, long bytes) throws Exception {
        Predicate<String> held = json -> {
            Matcher m = CONTENT_HELD.matcher(json);
            return m.find() && Long.parseLong(m.group(1)) >= bytes;
        };
        String body = awaitJson(URI.create("http://127.0.0.1:" + node.consolePort() + "/debswarm/stats.json"), held);
        assertTrue("the content swarm offers " + bytes + " bytes within " + ANNOUNCED + ": " + body + "\nnode output:\n"
                + node.output(), held.test(body));
    }

    /**
     * A node whose apt fetched a Packages file with an {@code Architecture: amd64} and an {@code Architecture: all}
     * package announces both torrents of it, each with the infohash that the torrent bundle's factory derives
     * from the archive's Packages (docs/torrent-format.md), named {@code binary-amd64} and {@code binary-all}.
     */
    @Test
    public void aNodeThatAptUsedAnnouncesBothTorrentsOfAPackagesFile() throws Exception {
        DebianArchive archive = DebianArchive.in(work.newFolder("archive").toPath())
                .deb("hello", 20).deb("tool", 20, "amd64").publish();
        mirror = new MirrorServer(archive.root);
        first = AptNode.start(work.newFolder("first").toPath(), mirror);
        String tracker = "http://127.0.0.1:" + first.trackerPort() + "/announce";
        joinSwarm(first, tracker, "");
        AptClient apt = new AptClient(work.newFolder("apt").toPath(), AptNode.prefixSource(first, mirror, archive), null);
        assertTrue(apt.update().ok());

        PackagesTorrents expected = new DefaultTorrentFactory(new DefaultControlParser()).fromPackages(
                mirror.authority(), archive.binaryDir() + "/Packages", new ByteArrayInputStream(archive.packagesFile()));
        String names = mirror.authority() + " " + DebianArchive.SUITE + " main binary-";
        String amd64 = listed(expected.architecture(), names + "amd64");
        String all = listed(expected.all(), names + "all");
        String stats = awaitTrackerStats(tracker, s -> s.contains(amd64) && s.contains(all));
        assertTrue("both torrents, with the factory's infohashes: " + stats, stats.contains(amd64) && stats.contains(all));
    }

    /** How the tracker's {@code /stats.json} lists a torrent of one package: its infohash, then its name. */
    private static String listed(PackagesTorrent torrent, String name) {
        assertEquals(name + ": one package", 1, torrent.pieceCount());
        return "{\"infoHash\":\"" + torrent.infoHash().toHex() + "\",\"name\":\"" + name + "\",";
    }

    /**
     * Three nodes: the first gets a package from the mirror, the second from the first, and the third, connected
     * to both, gets blocks of it from both (each sends at most 512 KiB/s, so neither serves it alone in time).
     */
    @Test
    public void aThirdNodeGetsBlocksFromBothOthers() throws Exception {
        DebianArchive archive = DebianArchive.in(work.newFolder("archive").toPath()).deb("big", 3 * 1024).publish();
        mirror = new MirrorServer(archive.root);
        first = AptNode.start(work.newFolder("first").toPath(), mirror);
        second = AptNode.start(work.newFolder("second").toPath(), mirror);
        third = AptNode.start(work.newFolder("third").toPath(), mirror);
        String tracker = "http://127.0.0.1:" + first.trackerPort() + "/announce";
        for (NodeProcess node : new NodeProcess[] {first, second, third}) {
            joinSwarm(node, tracker, "uploadRateLimit=512\n");
        }
        int n = 0;
        for (NodeProcess node : new NodeProcess[] {first, second}) {
            AptClient apt = new AptClient(work.newFolder("apt" + n).toPath(), AptNode.prefixSource(node, mirror, archive), null);
            assertTrue(apt.update().ok());
            if (node == second) {
                awaitConnected(second);
            }
            assertTrue(apt.download(work.newFolder("got" + n++).toPath(), "big").ok());
        }
        AptClient aptOfThird = new AptClient(work.newFolder("apt3").toPath(), AptNode.prefixSource(third, mirror, archive), null);
        assertTrue(aptOfThird.update().ok());
        awaitNodeTotals(third, Set.of("connectedPeers"), t -> t.getOrDefault("connectedPeers", 0L) >= 2);
        Path three = work.newFolder("three").toPath();
        Tools.Result result = aptOfThird.download(three, "big");
        assertTrue(result.output(), result.ok());
        assertIdentical(archive, three, "big");
        assertEquals("the mirror served it once: " + mirror.log(), 1, mirror.gets(archive.path("big")));
        long size = Files.size(archive.file("big"));
        long byHash = Files.size(archive.root.resolve(archive.byHashPath("Packages.xz")));
        Map<String, Long> got = awaitNodeTotals(third, Set.of("fromPeers"), t -> t.getOrDefault("fromPeers", 0L) == size
                || t.getOrDefault("fromPeers", 0L) == size + byHash);
        assertTrue("the package from peers, and perhaps the by-hash Packages.xz (issue 13 item 6): " + got,
                got.getOrDefault("fromPeers", 0L) == size || got.getOrDefault("fromPeers", 0L) == size + byHash);
        List<Long> perPeer = peersDownloaded(third);
        assertEquals("blocks from both other nodes: " + perPeer, 2, perPeer.stream().filter(b -> b > 0).count());
    }

    /**
     * Two connected nodes whose apt asks for the same package at the same moment: one fetches it from the mirror
     * (sent slowly, about 3 s) and tells the other, which waits for its copy, so the mirror sends the package
     * about once, not twice (a give-way a moment after both started may cost a few blocks).
     */
    @Test
    public void twoNodesAskingAtOnceGetThePackageFromTheMirrorOnce() throws Exception {
        DebianArchive archive = DebianArchive.in(work.newFolder("archive").toPath()).deb("big", 3 * 1024).publish();
        twoNodes(archive);
        List<AptClient> apts = new ArrayList<>();
        for (NodeProcess node : new NodeProcess[] {first, second}) {
            AptClient apt = new AptClient(work.newFolder().toPath(), AptNode.prefixSource(node, mirror, archive), null);
            assertTrue(apt.update().ok());
            apts.add(apt);
        }
        awaitConnected(first);
        awaitConnected(second);
        mirror.slow(archive.path("big"));
        Set<String> sources = Set.of("fromPeers", "fromMirrors");
        Map<String, Long> before1 = awaitNodeTotals(first, sources, t -> true);
        Map<String, Long> before2 = awaitNodeTotals(second, sources, t -> true);

        List<Path> folders = List.of(work.newFolder("one").toPath(), work.newFolder("two").toPath());
        List<java.util.concurrent.CompletableFuture<Tools.Result>> downloads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            AptClient apt = apts.get(i);
            Path folder = folders.get(i);
            downloads.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return apt.download(folder, "big");
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            }));
        }
        for (int i = 0; i < 2; i++) {
            Tools.Result result = downloads.get(i).get(120, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(result.output(), result.ok());
            assertIdentical(archive, folders.get(i), "big");
        }
        long size = Files.size(archive.file("big"));
        long sent = mirror.sent(archive.path("big"));
        assertTrue("the mirror sent " + sent + " bytes of a " + size + "-byte package to two nodes: " + mirror.log(),
                sent <= size * 5 / 4);
        Map<String, Long> one = awaitNodeTotals(first, sources, t -> added(before1, t) == size);
        Map<String, Long> two = awaitNodeTotals(second, sources, t -> added(before2, t) == size);
        assertTrue("each node counted the package once, from peers or the mirror: " + before1 + " -> " + one + ", "
                + before2 + " -> " + two, added(before1, one) == size && added(before2, two) == size);
        long fromPeers = Math.max(one.getOrDefault("fromPeers", 0L) - before1.getOrDefault("fromPeers", 0L),
                two.getOrDefault("fromPeers", 0L) - before2.getOrDefault("fromPeers", 0L));
        assertTrue("one node had most of it from the other: " + one + ", " + two, fromPeers >= size * 3 / 4);
    }

    /** Bytes counted from peers and mirrors since {@code before}. */
    private static long added(Map<String, Long> before, Map<String, Long> now) {
        long sum = 0;
        for (Map.Entry<String, Long> e : now.entrySet()) {
            sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    /** Bytes the node downloaded from each peer, from its statistics. */
    private List<Long> peersDownloaded(NodeProcess node) throws Exception {
        String json = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.consolePort()
                + "/debswarm/stats.json")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        int start = json.indexOf("\"peers\":[");
        int end = json.indexOf(']', start);
        List<Long> bytes = new ArrayList<>();
        Matcher m = Pattern.compile("\"downloaded\":(\\d+)").matcher(json.substring(start, end));
        while (m.find()) {
            bytes.add(Long.parseLong(m.group(1)));
        }
        return bytes;
    }

    /**
     * The second node's peer-wire bundle is updated in place (its jar touched in deploy/) while it is getting a
     * package from the first, which sends slowly: the apt listener takes the download over and finishes it from
     * the mirror with a range request, and apt gets the right bytes.
     */
    @Test
    public void aDownloadFromAPeerSurvivesALiveUpdateOfThePeerWire() throws Exception {
        DebianArchive archive = DebianArchive.in(work.newFolder("archive").toPath()).deb("big", 3 * 1024).publish();
        mirror = new MirrorServer(archive.root);
        first = AptNode.start(work.newFolder("first").toPath(), mirror);
        second = AptNode.start(work.newFolder("second").toPath(), mirror);
        String tracker = "http://127.0.0.1:" + first.trackerPort() + "/announce";
        joinSwarm(first, tracker, "uploadRateLimit=128\n"); // KiB/s: the 3 MiB take about 25 s from the peer
        joinSwarm(second, tracker, "");
        AptClient aptOfFirst = new AptClient(work.newFolder("apt1").toPath(), AptNode.prefixSource(first, mirror, archive), null);
        assertTrue(aptOfFirst.update().ok());
        assertTrue(aptOfFirst.download(work.newFolder("one").toPath(), "big").ok());
        AptClient aptOfSecond = new AptClient(work.newFolder("apt2").toPath(), AptNode.mirrorSource(mirror, archive),
                AptNode.proxy(second));
        assertTrue(aptOfSecond.update().ok());
        awaitConnected(second);

        Path two = work.newFolder("two").toPath();
        java.util.concurrent.CompletableFuture<Tools.Result> download = new java.util.concurrent.CompletableFuture<>();
        Thread apt = new Thread(() -> {
            try {
                download.complete(aptOfSecond.download(two, "big"));
            } catch (Exception e) {
                download.completeExceptionally(e);
            }
        }, "apt-get-download");
        apt.setDaemon(true);
        apt.start();
        Map<String, Long> started = awaitNodeTotals(second, Set.of("fromPeers"), t -> t.getOrDefault("fromPeers", 0L) > 0);
        assertTrue("the download from the peer began: " + started, started.getOrDefault("fromPeers", 0L) > 0);
        Path jar;
        try (var jars = Files.list(second.install().resolve("deploy"))) {
            jar = jars.filter(f -> f.getFileName().toString().startsWith("org.debswarm.peerwire-")).findFirst().orElseThrow();
        }
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));

        Tools.Result result = download.get(120, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(result.output(), result.ok());
        assertIdentical(archive, two, "big");
        assertTrue("the mirror finished it with a range request: " + mirror.log(),
                mirror.log().stream().anyMatch(l -> l.startsWith("GET /" + archive.path("big") + " Range: bytes=")));
    }

    /** Waits until the node's statistics show exactly these node totals. */
    private void awaitFigures(NodeProcess node, String what, Map<String, Long> expected) throws Exception {
        Map<String, Long> seen = awaitNodeTotals(node, expected.keySet(), expected::equals);
        assertEquals(what, expected, seen);
    }

    /**
     * Waits until the node's peer wire is connected to a peer, as its statistics say. The tracker's peer count
     * is no sign: an announce of a node's earlier component instance can linger there until it expires.
     */
    private void awaitConnected(NodeProcess node) throws Exception {
        Map<String, Long> seen = awaitNodeTotals(node, Set.of("connectedPeers"),
                totals -> totals.getOrDefault("connectedPeers", 0L) > 0);
        assertTrue("the node connected to a peer within " + ANNOUNCED + ": " + seen,
                seen.getOrDefault("connectedPeers", 0L) > 0);
    }

    /**
     * The node totals of {@code /debswarm/stats.json} on the node's console port, once they satisfy
     * {@code condition} or at the deadline (the peer wire's figures are sampled every 2 s).
     */
    private Map<String, Long> awaitNodeTotals(NodeProcess node, Set<String> fields,
            Predicate<Map<String, Long>> condition) throws Exception {
        String body = awaitJson(URI.create("http://127.0.0.1:" + node.consolePort() + "/debswarm/stats.json"),
                json -> condition.test(nodeTotals(json, fields)));
        return nodeTotals(body, fields);
    }

    /**
     * Asks for {@code uri} every 200 ms until its 200 body satisfies {@code condition} or the deadline
     * passes; returns the last 200 body ("" if none). The figures come from other processes on their own
     * schedule, so there is no event to wait on.
     */
    private String awaitJson(URI uri, Predicate<String> condition) throws Exception {
        long end = System.nanoTime() + ANNOUNCED.toNanos();
        String last = "";
        while (System.nanoTime() < end) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                last = response.body();
                if (condition.test(last)) {
                    return last;
                }
            }
            Thread.sleep(200);
        }
        return last;
    }

    /** The node totals: the first occurrence of each field, which is in {@code "node"}. */
    private static Map<String, Long> nodeTotals(String json, Set<String> fields) {
        Map<String, Long> totals = new HashMap<>();
        int node = json.indexOf("\"node\":{");
        for (String field : fields) {
            Matcher m = Pattern.compile("\"" + field + "\":(\\d+)").matcher(json);
            if (node >= 0 && m.find(node)) {
                totals.put(field, Long.parseLong(m.group(1)));
            }
        }
        return totals;
    }

    /** Points the node's peer wire at a free port and its swarm at the tracker (FileInstall applies it). */
    private static void joinSwarm(NodeProcess node, String tracker, String peerWireSettings) throws Exception {
        Path deploy = node.install().resolve("deploy");
        Files.writeString(deploy.resolve("org.debswarm.peerwire.cfg"), "port=" + Distribution.freePort() + "\n"
                + peerWireSettings);
        Files.writeString(deploy.resolve("org.debswarm.node.cfg"), "trackers=" + tracker + "\n");
    }

    /**
     * The tracker's statistics once they satisfy {@code condition}. Announces come from other processes on
     * their own schedule, so this asks the tracker again every 200 ms until the deadline.
     */
    private String awaitTrackerStats(String announce, Predicate<String> condition) throws Exception {
        String last = awaitJson(URI.create(announce.replace("/announce", "/stats.json")), condition);
        if (!condition.test(last)) {
            throw new AssertionError("tracker statistics never matched within " + ANNOUNCED + ": " + last);
        }
        return last;
    }

    private static void assertIdentical(DebianArchive archive, Path folder, String name) throws Exception {
        Path downloaded = folder.resolve(name + "_1.0_all.deb");
        assertTrue(name + " downloaded", Files.isRegularFile(downloaded));
        assertArrayEquals(name + " byte-identical", Files.readAllBytes(archive.file(name)), Files.readAllBytes(downloaded));
    }
}
