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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.debswarm.itests.NodeProcess;
import org.junit.After;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A node killed with SIGKILL in the middle of a large download, after the store recorded a checkpoint of it
 * (every {@code checkpointBytes}, 8 MiB by default): after a restart nothing partial is served or stored, and
 * the node resumes the partial file with a {@code Range} request from its checkpoint; apt gets the whole file,
 * verified and stored.
 */
public class CrashIT {

    private static final long MIB = 1 << 20;
    /** The store's default {@code checkpointBytes}: progress below it is not recorded, so not resumed. */
    private static final long CHECKPOINT = 8 * MIB;
    private static final Pattern RESUMED = Pattern.compile("Range: bytes=(\\d+)-");

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
    public void aKillMidDownloadLeavesNothingPartialAndTheRestartedNodeResumesFromItsCheckpoint() throws Exception {
        DebianArchive archive = DebianArchive.in(work.newFolder("archive").toPath()).deb("huge", 16 * 1024).publish();
        String huge = archive.path("huge");
        mirror = new MirrorServer(archive.root);
        Path nodeDir = work.newFolder("node").toPath();
        node = AptNode.start(nodeDir, mirror);
        AptClient apt = new AptClient(work.newFolder("apt").toPath(), AptNode.prefixSource(node, mirror, archive), null);
        assertTrue(apt.update().ok());

        mirror.slow(huge);
        // past the first checkpoint, with time for it (and the database's commit) to reach the disk
        CompletableFuture<Void> halfway = mirror.whenSent(huge, CHECKPOINT + 3 * MIB);
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
        System.out.println("Mirror requests for the killed download: " + gets);
        assertEquals("one request before the kill, one after: " + gets, 2, gets.size());
        Matcher resumed = RESUMED.matcher(gets.get(1));
        assertTrue("the restarted node resumed with a Range request: " + gets, resumed.find());
        long from = Long.parseLong(resumed.group(1));
        assertTrue("resumed from the checkpoint, not from the start: " + from, from >= CHECKPOINT && from < Files.size(archive.file("huge")));
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
