package org.debswarm.itests.apt;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.debswarm.itests.NodeProcess;
import org.junit.After;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A node killed with SIGKILL in the middle of a large download: after a restart nothing partial is served
 * or stored, and the file is fetched again (resumed or whole), verified and stored.
 */
public class CrashIT {

    private static final long MIB = 1 << 20;

    @Rule
    public final TemporaryFolder work = new TemporaryFolder();

    private MirrorServer mirror;
    private NodeProcess node;

    @BeforeClass
    public static void toolsArePresent() {
        assumeTrue("apt-get, dpkg-deb, xz and gpg are needed", Tools.available("apt-get", "dpkg-deb", "xz", "gpg", "gpgconf"));
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
    public void aKillMidDownloadLeavesNothingPartialAndTheFileIsFetchedAgain() throws Exception {
        DebianArchive archive = DebianArchive.in(work.newFolder("archive").toPath()).deb("huge", 16 * 1024).publish();
        String huge = archive.path("huge");
        mirror = new MirrorServer(archive.root);
        Path nodeDir = work.newFolder("node").toPath();
        node = AptNode.start(nodeDir, mirror);
        AptClient apt = new AptClient(work.newFolder("apt").toPath(), AptNode.prefixSource(node, mirror, archive), null);
        assertTrue(apt.update().ok());

        mirror.slow(huge);
        CompletableFuture<Void> halfway = mirror.whenSent(huge, 3 * MIB);
        CompletableFuture<Tools.Result> download = downloadInBackground(apt, work.newFolder("first").toPath());
        halfway.get(60, TimeUnit.SECONDS);
        node.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook runs
        assertFalse("apt cannot have a complete file", download.get(60, TimeUnit.SECONDS).ok());
        Path stored = node.home().resolve("mirrors").resolve(mirror.authority()).resolve(huge);
        assertFalse("nothing stored from a killed download", Files.exists(stored));

        mirror.fast(huge);
        node = AptNode.start(nodeDir, mirror);
        apt.sources(AptNode.prefixSource(node, mirror, archive));
        assertTrue(apt.update().ok());
        Path again = work.newFolder("again").toPath();
        Tools.Result result = apt.download(again, "huge");
        assertTrue(result.output(), result.ok());
        assertArrayEquals(Files.readAllBytes(archive.file("huge")), Files.readAllBytes(again.resolve("huge_1.0_all.deb")));
        assertTrue("verified and stored after the restart", Files.isRegularFile(stored));
        List<String> gets = mirror.log().stream().filter(l -> l.startsWith("GET /" + huge)).toList();
        assertEquals("fetched again after the restart: " + gets, 2, gets.size());
        System.out.println("Mirror requests for the killed download: " + gets);
    }

    private static CompletableFuture<Tools.Result> downloadInBackground(AptClient apt, Path into) {
        CompletableFuture<Tools.Result> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(apt.download(into, "huge"));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "apt-get-download");
        thread.setDaemon(true);
        thread.start();
        return result;
    }
}
