package org.debswarm.itests.apt;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.Before;
import org.junit.Test;

/**
 * A node whose downloads from the mirror are limited ({@code mirrorRateLimits} of the governor, 64 KiB/s) stays
 * responsive to apt: while a 4 MiB package trickles in under the limit, {@code apt-get update} and the download
 * of a stored package succeed while the large one is not yet stored; the large one then completes intact.
 */
public class DownloadLimitIT extends NodeWithMirrorSupport {

    private static final int BIG_KIB = 4096;

    @Before
    public void start() throws Exception {
        archive = DebianArchive.in(work.newFolder("archive").toPath()).deb("hello", 20).deb("big", BIG_KIB).publish();
        mirror = new MirrorServer(archive.root);
        Path nodeDir = work.newFolder("node").toPath();
        configure(nodeDir, "org.debswarm.governor", "mirrorRateLimits=" + mirror.authority() + "=64\n");
        node = AptNode.start(nodeDir, mirror);
    }

    @Test
    public void underALimitTheNodeStillAnswersApt() throws Exception {
        AptClient apt = new AptClient(work.newFolder("apt").toPath(), AptNode.prefixSource(node, mirror, archive), null);
        assertTrue(apt.update().ok());
        assertTrue(apt.download(work.newFolder("first").toPath(), "hello").ok());

        AptClient other = new AptClient(work.newFolder("apt2").toPath(), AptNode.prefixSource(node, mirror, archive), null);
        assertTrue(other.update().ok());
        Path bigInto = work.newFolder("big").toPath();
        CompletableFuture<Void> started = mirror.whenSent(archive.path("big"), 64 * 1024);
        CompletableFuture<Tools.Result> big = CompletableFuture.supplyAsync(() -> {
            try {
                return other.download(bigInto, java.time.Duration.ofMinutes(5), "big");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        started.get(60, TimeUnit.SECONDS);

        Tools.Result update = apt.update();
        assertTrue(update.output(), update.ok());
        Path again = work.newFolder("again").toPath();
        Tools.Result stored = apt.download(again, "hello");
        assertTrue(stored.output(), stored.ok());
        // (not the mirror's count of bytes sent: the kernel's socket buffers take up to 4 MiB the node has not read)
        assertFalse("the large file was still trickling in under the limit", Files.exists(node.home()
                .resolve("mirrors").resolve(mirror.authority()).resolve(archive.path("big"))));

        Tools.Result done = big.get(5, TimeUnit.MINUTES);
        assertTrue(done.output(), done.ok());
        assertArrayEquals(Files.readAllBytes(archive.file("big")), Files.readAllBytes(bigInto.resolve("big_1.0_all.deb")));
    }
}
