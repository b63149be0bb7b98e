package org.debswarm.itests.apt;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.debswarm.itests.NodeProcess;
import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The real {@code apt-get} against a real node ({@code bin/debswarm}) in front of a mirror on loopback, in
 * both forms apt can use: {@code apt-get update} and {@code apt-get download} give files byte-identical to
 * the archive's, a second download costs the mirror nothing, and a corrupt copy on the mirror reaches apt
 * only as an error and is not stored.
 */
public class AptGetIT {

    @Rule
    public final TemporaryFolder work = new TemporaryFolder();

    private DebianArchive archive;
    private MirrorServer mirror;
    private NodeProcess node;

    @BeforeClass
    public static void toolsArePresent() {
        assumeTrue("apt-get, dpkg-deb, xz and gpg are needed", Tools.available("apt-get", "dpkg-deb", "xz", "gpg", "gpgconf"));
    }

    @Before
    public void start() throws Exception {
        archive = DebianArchive.in(work.newFolder("archive").toPath())
                .deb("hello", 20).deb("big", 6 * 1024).deb("broken", 100).publish();
        archive.corrupt("broken");
        mirror = new MirrorServer(archive.root);
        node = AptNode.start(work.newFolder("node").toPath(), mirror);
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
    public void urlPrefixForm() throws Exception {
        AptClient apt = new AptClient(work.newFolder("apt").toPath(), AptNode.prefixSource(node, mirror, archive), null);
        updateAndDownloadTwice(apt);
    }

    @Test
    public void forwardProxyForm() throws Exception {
        AptClient apt = new AptClient(work.newFolder("apt").toPath(), AptNode.mirrorSource(mirror, archive),
                AptNode.proxy(node));
        updateAndDownloadTwice(apt);
    }

    private void updateAndDownloadTwice(AptClient apt) throws Exception {
        Tools.Result update = apt.update();
        assertTrue(update.output(), update.ok());
        assertFalse("signed InRelease accepted: " + update.output(), update.output().contains("W:"));
        assertTrue("the signed InRelease came through the node: " + mirror.log(), mirror.log().stream()
                .anyMatch(l -> l.startsWith("GET /" + DebianArchive.DISTS + "/InRelease")));
        Tools.Result again = apt.update();
        assertTrue("revalidated: the node answers apt's If-Modified-Since with 304: " + again.output(),
                again.ok() && again.output().contains("Hit:1"));
        assertTrue("and asked the mirror with its own validators: " + mirror.log(), mirror.log().stream()
                .anyMatch(l -> l.startsWith("GET /" + DebianArchive.DISTS + "/InRelease IMS")));

        Path first = work.newFolder("first").toPath();
        Tools.Result download = apt.download(first, "hello", "big");
        assertTrue(download.output(), download.ok());
        assertIdentical(first, "hello");
        assertIdentical(first, "big");

        Path second = work.newFolder("second").toPath();
        Tools.Result secondDownload = apt.download(second, "hello", "big");
        assertTrue(secondDownload.output(), secondDownload.ok());
        assertIdentical(second, "hello");
        assertIdentical(second, "big");
        assertEquals("one mirror request per file: " + mirror.log(), 1, mirror.gets(archive.path("hello")));
        assertEquals("one mirror request per file: " + mirror.log(), 1, mirror.gets(archive.path("big")));
        assertTrue("stored under the node's data", Files.isRegularFile(stored("big")));
    }

    @Test
    public void twoAptClientsAtOnceShareOneMirrorDownload() throws Exception {
        AptClient one = new AptClient(work.newFolder("apt1").toPath(), AptNode.prefixSource(node, mirror, archive), null);
        AptClient two = new AptClient(work.newFolder("apt2").toPath(), AptNode.mirrorSource(mirror, archive),
                AptNode.proxy(node));
        assertTrue(one.update().ok());
        assertTrue(two.update().ok());
        mirror.slow(archive.path("big"));
        Path first = work.newFolder("first").toPath();
        Path second = work.newFolder("second").toPath();
        java.util.concurrent.CompletableFuture<Void> started = mirror.whenSent(archive.path("big"), 256 * 1024);
        java.util.concurrent.CompletableFuture<Tools.Result> a = inBackground(() -> one.download(first, "big"));
        started.get(60, java.util.concurrent.TimeUnit.SECONDS);
        Tools.Result b = two.download(second, "big");
        assertTrue(b.output(), b.ok());
        assertTrue(a.get(60, java.util.concurrent.TimeUnit.SECONDS).ok());
        assertIdentical(first, "big");
        assertIdentical(second, "big");
        assertEquals("the second client joined the first download: " + mirror.log(), 1, mirror.gets(archive.path("big")));
    }

    private static java.util.concurrent.CompletableFuture<Tools.Result> inBackground(
            java.util.concurrent.Callable<Tools.Result> task) {
        java.util.concurrent.CompletableFuture<Tools.Result> result = new java.util.concurrent.CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "apt-get-background");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    @Test
    public void aCorruptCopyReachesAptOnlyAsAnErrorAndIsNotStoredInTheUrlPrefixForm() throws Exception {
        corruptCopyFailsAndIsNotStored(new AptClient(work.newFolder("apt").toPath(),
                AptNode.prefixSource(node, mirror, archive), null));
    }

    @Test
    public void aCorruptCopyReachesAptOnlyAsAnErrorAndIsNotStoredThroughTheForwardProxy() throws Exception {
        corruptCopyFailsAndIsNotStored(new AptClient(work.newFolder("apt").toPath(),
                AptNode.mirrorSource(mirror, archive), AptNode.proxy(node)));
    }

    private void corruptCopyFailsAndIsNotStored(AptClient apt) throws Exception {
        assertTrue(apt.update().ok());
        Path out = work.newFolder("out").toPath();
        Tools.Result download = apt.download(out, "broken");
        assertFalse("apt must fail: " + download.output(), download.ok());
        Path partial = out.resolve("broken_1.0_all.deb");
        assertTrue("apt never got the whole corrupt file, at most its partial copy of all but the last byte",
                !Files.exists(partial) || Files.size(partial) < Files.size(archive.file("broken")));
        assertFalse("nothing stored", Files.exists(stored("broken")));
        Tools.Result retry = apt.download(out, "broken");
        assertFalse(retry.ok());
        assertEquals("not stored, so fetched again", 2, mirror.gets(archive.path("broken")));

        Tools.Result good = apt.download(out, "hello");
        assertTrue("the node keeps serving: " + good.output(), good.ok());
    }

    private Path stored(String name) {
        return node.home().resolve("mirrors").resolve(mirror.authority()).resolve(archive.path(name));
    }

    private void assertIdentical(Path folder, String name) throws Exception {
        Path downloaded = folder.resolve(name + "_1.0_all.deb");
        assertTrue(name + " downloaded", Files.isRegularFile(downloaded));
        assertArrayEquals(name + " byte-identical", Files.readAllBytes(archive.file(name)), Files.readAllBytes(downloaded));
    }
}
