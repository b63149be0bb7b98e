package org.debswarm.itests.apt;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

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
 * a flat repository.
 */
public class RealArchiveIT {

    private static final Duration FOLLOW = Duration.ofSeconds(60);

    @Rule
    public final TemporaryFolder work = new TemporaryFolder();

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
                archive.sourcesLine("deb", base) + "\n" + archive.sourcesLine("deb-src", base), null);
        assertUpdated(apt.update());

        for (String next : new String[] {"fresh", "third"}) {
            Thread.sleep(1100); // a new Last-Modified second, so that If-Modified-Since sees the change
            archive.deb(next, 10).publish();
            assertUpdated(apt.update());
            awaitPlainCopy(archive);
        }
        assertTrue("apt fetched patches through the node: " + mirror.log(),
                mirror.log().stream().anyMatch(l -> l.contains("/Packages.diff/")));
        assertEquals("neither apt nor the node fetched the newest whole Packages: " + mirror.log(), 0,
                mirror.gets(archive.byHashPath("Packages.xz")) + mirror.gets(archive.binaryDir() + "/Packages.xz"));

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
    }

    @Test
    public void anArchiveTheNodeCannotVerifyIsPassedThroughUnstored() throws Exception {
        DebianArchive archive = DebianArchive.in(work.newFolder("archive").toPath()).deb("hello", 20).publish();
        mirror = new MirrorServer(archive.root);
        node = AptNode.start(work.newFolder("node").toPath(), mirror,
                "mirrorKeyrings=" + mirror.authority() + "=/nonexistent/keyring.gpg\n");
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
    }

    @Test
    public void aSecurityArchive() throws Exception {
        throughTheNode(DebianArchive.in(work.newFolder("archive").toPath(), "debian-security", "bookworm-security", "main"));
    }

    @Test
    public void anUbuntuStyleUpdatesSuite() throws Exception {
        throughTheNode(DebianArchive.in(work.newFolder("archive").toPath(), "ubuntu", "jammy-updates", "universe"));
    }

    @Test
    public void aFlatRepository() throws Exception {
        throughTheNode(DebianArchive.flat(work.newFolder("archive").toPath(), "repo"));
    }

    /** Update, install --download-only and download through the node: one mirror request, stored, identical. */
    private void throughTheNode(DebianArchive archive) throws Exception {
        archive.deb("hello", 20).deb("big", 1024).publish();
        start(archive);
        AptClient apt = new AptClient(work.newFolder("apt").toPath(),
                archive.sourcesLine("deb", "http://127.0.0.1:" + node.aptPort() + "/" + mirror.authority()), null);
        assertUpdated(apt.update());
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
    }

    private void start(DebianArchive archive) throws Exception {
        mirror = new MirrorServer(archive.root);
        node = AptNode.start(work.newFolder("node").toPath(), mirror);
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
