package org.debswarm.itests.apt;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.debswarm.itests.NodeProcess;
import org.junit.After;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Real archives through a real node with the real {@code apt-get}: Release signatures checked by the node
 * (a bad one is apt's to refuse; one the node cannot verify makes it pass files through unstored), pdiffs
 * followed by the node across published changes until its Packages equals the mirror's (by hash), source
 * packages and {@code apt-get source}, and the layouts of a security archive, an Ubuntu-style updates suite and
 * a flat repository. Each node announces to its own tracker: the torrents of every verified index run and are
 * announced (those of a version the node reached through pdiffs too), a Release the node cannot verify makes
 * none; a second {@code apt-get update} that is all {@code Hit:} parses and reads nothing again ({@code /metrics}).
 */
public class RealArchiveIT {

    private static final Duration FOLLOW = Duration.ofSeconds(60);
    private static final Pattern SIZE = Pattern.compile("(?m)^Size: (\\d+)$");

    @Rule
    public final TemporaryFolder work = new TemporaryFolder();

    private final NodeReadings readings = new NodeReadings();
    private MirrorServer mirror;
    private NodeProcess node;

    @BeforeClass
    public static void toolsArePresent() {
        assumeTrue("apt-get, dpkg-deb, dpkg-source, dpkg-scansources, diff, xz and gpg are needed", Tools.available(
                "apt-get", "dpkg-deb", "dpkg-source", "dpkg-scansources", "diff", "xz", "gpg", "gpgconf"));
    }

    @After
    public void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (mirror != null) {
            mirror.close();
        }
    }

    @Test
    public void pdiffsAreFollowedAcrossPublishedChangesAndSourcesWork() throws Exception {
        DebianArchive archive = DebianArchive.in(work.newFolder("archive").toPath()).pdiffs()
                .deb("hello", 20).deb("other", 30).source("greet").publish();
        start(archive);
        String base = "http://127.0.0.1:" + node.aptPort() + "/" + mirror.authority();
        AptClient apt = new AptClient(work.newFolder("apt").toPath(),
                archive.sourcesLine("deb", base) + "\n" + archive.sourcesLine("deb-src", base), null)
                .option("Acquire::PDiffs", "true");
        assertUpdated(apt.update());
        String packagesTorrent = mirror.authority() + " " + DebianArchive.SUITE + " main binary-all";
        awaitRunningAndAnnounced(packagesTorrent, packagesBytes(archive));
        awaitRunningAndAnnounced(mirror.authority() + " " + DebianArchive.SUITE + " main source", -1);

        int firstUpdate = mirror.log().size();
        Set<String> wholePackages = wholePackagesNames(archive);
        for (String next : new String[] {"fresh", "third"}) {
            archive.deb(next, 10).publish();
            wholePackages.addAll(wholePackagesNames(archive));
            int before = mirror.log().size();
            assertUpdated(apt.update());
            assertTrue("apt fetched the patch to " + next + " through the node: " + mirror.log(),
                    patchesFetched(archive, mirror.log().subList(before, mirror.log().size())));
            awaitPlainCopy(archive);
            awaitRunningAndAnnounced(packagesTorrent, packagesBytes(archive)); // the version the pdiffs brought
        }
        List<String> whole = mirror.log().subList(firstUpdate, mirror.log().size()).stream()
                .filter(l -> wholePackages.stream().anyMatch(w -> l.startsWith("GET /" + w + " ") || l.equals("GET /" + w)))
                .toList();
        assertEquals("after the first update, neither apt nor the node fetched a whole Packages (plain, .xz, or by"
                + " hash), only patches: " + mirror.log(), List.of(), whole);

        Path downloads = work.newFolder("downloads").toPath();
        Tools.Result download = apt.download(downloads, "third", "hello");
        assertTrue(download.output(), download.ok());
        assertIdentical(downloads, archive, "third");
        assertTrue("the node knew 'third' from its patched Packages: stored", Files.isRegularFile(stored(archive.path("third"))));

        Path sources = work.newFolder("sources").toPath();
        Tools.Result source = apt.source(sources, "greet");
        assertTrue(source.output(), source.ok());
        assertTrue(source.output(), Files.isDirectory(sources.resolve("greet-1.0")));
        for (String file : archive.sourceFiles("greet")) {
            assertTrue("source file stored, verified by Sources: " + file, Files.isRegularFile(stored(file)));
        }
    }

    @Test
    public void aBadSignatureIsAptsToRefuseAndTheNodeKeepsServing() throws Exception {
        DebianArchive archive = DebianArchive.in(work.newFolder("archive").toPath()).deb("hello", 20).publish();
        archive.breakSignature();
        start(archive);
        AptClient apt = new AptClient(work.newFolder("apt").toPath(), AptNode.prefixSource(node, mirror, archive), null);
        Tools.Result update = apt.update();
        assertTrue("apt refused the signature: " + update.output(), update.output().contains("BADSIG")
                || update.output().contains("not signed") || update.output().contains("invalid"));
        assertEquals(200, AptNode.status(node, "/" + mirror.authority() + "/" + DebianArchive.DISTS + "/InRelease"));
        assertEquals(200, AptNode.status(node, "/" + mirror.authority() + "/" + archive.binaryDir() + "/Packages.xz"));
        assertNoTorrents();
    }

    @Test
    public void anArchiveTheNodeCannotVerifyIsPassedThroughUnstored() throws Exception {
        DebianArchive archive = DebianArchive.in(work.newFolder("archive").toPath()).deb("hello", 20).publish();
        mirror = new MirrorServer(archive.root);
        node = AptNode.start(work.newFolder("node").toPath(), mirror,
                "mirrorKeyrings=" + mirror.authority() + "=/nonexistent/keyring.gpg\n");
        announceToOwnTracker();
        AptClient apt = new AptClient(work.newFolder("apt").toPath(), AptNode.prefixSource(node, mirror, archive), null);
        assertUpdated(apt.update());
        for (String folder : new String[] {"one", "two"}) {
            Path into = work.newFolder(folder).toPath();
            Tools.Result download = apt.download(into, "hello");
            assertTrue(download.output(), download.ok());
            assertIdentical(into, archive, "hello");
        }
        assertEquals("no verified index: nothing stored, each download from the mirror", 2,
                mirror.gets(archive.path("hello")));
        assertFalse(Files.exists(stored(archive.path("hello"))));
        assertNoTorrents();
    }

    @Test
    public void aSecurityArchive() throws Exception {
        throughTheNode(DebianArchive.in(work.newFolder("archive").toPath(), "debian-security", "bookworm-security", "main"),
                "bookworm-security main binary-all");
    }

    @Test
    public void anUbuntuStyleUpdatesSuite() throws Exception {
        throughTheNode(DebianArchive.in(work.newFolder("archive").toPath(), "ubuntu", "jammy-updates", "universe"),
                "jammy-updates universe binary-all");
    }

    /** An archive that publishes Release and Release.gpg, no InRelease: the node verifies the detached signature. */
    @Test
    public void anArchiveSignedByReleaseGpgOnly() throws Exception {
        DebianArchive archive = DebianArchive.in(work.newFolder("archive").toPath()).detachedSignatureOnly();
        throughTheNode(archive, DebianArchive.SUITE + " main binary-all");
        assertFalse(Files.exists(archive.root.resolve(DebianArchive.DISTS).resolve("InRelease")));
        assertTrue("apt fetched the detached signature: " + mirror.log(),
                mirror.gets(DebianArchive.DISTS + "/Release.gpg") > 0);
    }

    @Test
    public void aFlatRepository() throws Exception {
        throughTheNode(DebianArchive.flat(work.newFolder("archive").toPath(), "repo"), "repo/Packages (all)");
    }

    /**
     * Update, install --download-only and download through the node: one mirror request, stored, identical; the
     * torrent of the archive's {@code Architecture: all} packages ({@code <mirror> <torrentName>}) runs and is
     * announced; a second update, all {@code Hit:}, reads nothing again.
     */
    private void throughTheNode(DebianArchive archive, String torrentName) throws Exception {
        archive.deb("hello", 20).deb("big", 1024).publish();
        start(archive);
        AptClient apt = new AptClient(work.newFolder("apt").toPath(),
                archive.sourcesLine("deb", "http://127.0.0.1:" + node.aptPort() + "/" + mirror.authority()), null);
        assertUpdated(apt.update());
        awaitRunningAndAnnounced(mirror.authority() + " " + torrentName, packagesBytes(archive));
        Tools.Result install = apt.installDownloadOnly("hello", "big");
        assertTrue(install.output(), install.ok());
        assertIdentical(apt.archives(), archive, "hello");
        Path again = work.newFolder("again").toPath();
        Tools.Result download = apt.download(again, "big");
        assertTrue(download.output(), download.ok());
        assertIdentical(again, archive, "big");
        assertEquals("one mirror request: stored from the first, verified by the node's index: " + mirror.log()
                + "\nnode output:\n" + node.output(), 1, mirror.gets(archive.path("big")));
        assertTrue(Files.isRegularFile(stored(archive.path("big"))));
        assertSecondUpdateReadsNothing(apt);
    }

    /** Another {@code apt-get update} with nothing new on the mirror: all {@code Hit:}, no parse, no Release read. */
    private void assertSecondUpdateReadsNothing(AptClient apt) throws Exception {
        Map<String, Long> before = readings.indexReading(node);
        assertTrue("the first update was parsed: " + before, before.getOrDefault(NodeReadings.PACKAGES_PARSED, 0L) > 0);
        Tools.Result again = apt.update();
        assertUpdated(again);
        assertTrue(again.output(), again.output().contains("Hit:") && !again.output().contains("Get:"));
        Map<String, Long> after = readings.indexReading(node);
        for (String count : List.of(NodeReadings.PACKAGES_PARSED, NodeReadings.SOURCES_PARSED,
                NodeReadings.RELEASES_READ)) {
            assertEquals("a 304 is not read again: " + count + " in " + before + " -> " + after, before.get(count),
                    after.get(count));
        }
        assertTrue("the Release passed again, unchanged: " + before + " -> " + after,
                after.get(NodeReadings.UNCHANGED_RELEASES) > before.get(NodeReadings.UNCHANGED_RELEASES));
    }

    private void start(DebianArchive archive) throws Exception {
        mirror = new MirrorServer(archive.root);
        node = AptNode.start(work.newFolder("node").toPath(), mirror);
        announceToOwnTracker();
    }

    /** The node's torrents go to its own tracker, whose statistics then list them (FileInstall applies it). */
    private void announceToOwnTracker() throws Exception {
        Files.writeString(node.install().resolve("deploy/org.debswarm.node.cfg"),
                "trackers=http://127.0.0.1:" + node.trackerPort() + "/announce\n");
    }

    /**
     * Waits until the peer wire runs a torrent named {@code name} of {@code totalBytes} (any size when -1) and the
     * node's tracker has heard of that very torrent (info hash) under that name.
     */
    private void awaitRunningAndAnnounced(String name, long totalBytes) throws Exception {
        java.util.function.Predicate<NodeReadings.Torrent> wanted = t -> t.name().equals(name)
                && (totalBytes < 0 || t.totalBytes() == totalBytes);
        List<NodeReadings.Torrent> running = readings.await("a running torrent '" + name + "' of " + totalBytes
                + " bytes", node, readings::running, r -> r.stream().anyMatch(wanted));
        String infoHash = running.stream().filter(wanted).findFirst().orElseThrow().infoHash();
        readings.await("the tracker heard of " + infoHash + " '" + name + "'", node, readings::tracked,
                t -> t.stream().anyMatch(x -> x.infoHash().equals(infoHash) && x.name().equals(name)));
    }

    /**
     * No torrent of an index runs or was announced, and none can come: the node read the Release (and refused it)
     * but parsed no index, and torrents are made only from parsed indices.
     */
    private void assertNoTorrents() throws Exception {
        Map<String, Long> reading = readings.indexReading(node);
        assertTrue("the Release was read: " + reading, reading.getOrDefault(NodeReadings.RELEASES_READ, 0L) > 0);
        assertEquals("no index parsed: " + reading, List.of(0L, 0L), List.of(reading.get(NodeReadings.PACKAGES_PARSED),
                reading.get(NodeReadings.SOURCES_PARSED)));
        assertEquals(List.of(), indexTorrents(readings.running(node)));
        assertEquals(List.of(), indexTorrents(readings.tracked(node)));
    }

    /** Leaves out the content swarm, which every node runs and announces from its start (issue 14). */
    private static List<NodeReadings.Torrent> indexTorrents(List<NodeReadings.Torrent> torrents) {
        return torrents.stream().filter(t -> !t.name().equals("content swarm")).toList();
    }

    /** @return the bytes of every package the mirror's current Packages lists: its torrent's size */
    private static long packagesBytes(DebianArchive archive) throws Exception {
        long total = 0;
        Matcher m = SIZE.matcher(new String(archive.packagesFile(), java.nio.charset.StandardCharsets.UTF_8));
        while (m.find()) {
            total += Long.parseLong(m.group(1));
        }
        return total;
    }

    /** @return the names the current whole Packages has on the mirror: plain and .xz, by name and by hash */
    private static Set<String> wholePackagesNames(DebianArchive archive) throws Exception {
        return new HashSet<>(List.of(archive.binaryDir() + "/Packages", archive.binaryDir() + "/Packages.xz",
                archive.byHashPath("Packages"), archive.byHashPath("Packages.xz")));
    }

    /** @return whether {@code requests} fetched a patch of Packages.diff (by name or by hash), not only its Index */
    private static boolean patchesFetched(DebianArchive archive, List<String> requests) throws Exception {
        String diffs = archive.binaryDir() + "/Packages.diff/";
        String index = diffs + "by-hash/SHA256/" + DebianArchive.sha256(Files.readAllBytes(
                archive.root.resolve(diffs).resolve("Index")));
        return requests.stream().filter(l -> l.startsWith("GET /")).map(l -> l.split(" ")[1].substring(1))
                .anyMatch(path -> path.startsWith(diffs) && !path.equals(diffs + "Index") && !path.equals(index));
    }

    private static void assertUpdated(Tools.Result update) {
        assertTrue(update.output(), update.ok());
        assertFalse("signed Release accepted: " + update.output(), update.output().contains("W:")
                || update.output().contains("E:"));
    }

    /** The node's own plain Packages must become the mirror's, checked by hash (the refresh runs in the background). */
    private void awaitPlainCopy(DebianArchive archive) throws Exception {
        String sha = DebianArchive.sha256(archive.packagesFile());
        Path copy = node.home().resolve("cache/.plain").resolve(mirror.authority()).resolve(archive.binaryDir())
                .resolve("Packages").resolve(sha);
        long end = System.nanoTime() + FOLLOW.toNanos();
        while (!Files.isRegularFile(copy) && System.nanoTime() < end) {
            Thread.sleep(200);
        }
        assertTrue("the node followed the pdiffs to the mirror's Packages " + sha + "; node output:\n" + node.output(),
                Files.isRegularFile(copy));
        assertEquals(sha, DebianArchive.sha256(Files.readAllBytes(copy)));
    }

    private Path stored(String path) {
        return node.home().resolve("mirrors").resolve(mirror.authority()).resolve(path);
    }

    private static void assertIdentical(Path folder, DebianArchive archive, String name) throws Exception {
        Path got = folder.resolve(archive.file(name).getFileName());
        assertTrue("apt saved " + got, Files.isRegularFile(got));
        assertArrayEquals(Files.readAllBytes(archive.file(name)), Files.readAllBytes(got));
    }
}
