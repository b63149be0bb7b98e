package org.debswarm.itests.apt;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.debswarm.itests.NodeProcess;
import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A node stopped with SIGTERM, as systemd or Ctrl-C stop it, logs neither an error nor a warning while it
 * stops: after it has served apt (its torrents run, its node glue asks the store about them), and while apt
 * downloads a package through it (the download is cut off, apt sees it fail). It once logged
 * {@code ERROR ... Database is already closed}: H2's own shutdown hook had closed the store's database while
 * the framework was still stopping.
 */
public class CleanStopIT {

    @Rule
    public final TemporaryFolder work = new TemporaryFolder();

    private final NodeReadings readings = new NodeReadings();
    private DebianArchive archive;
    private MirrorServer mirror;
    private NodeProcess node;
    private AptClient apt;

    @BeforeClass
    public static void toolsArePresent() {
        assumeTrue("apt-get, dpkg-deb, xz and gpg are needed", Tools.available("apt-get", "dpkg-deb", "xz", "gpg", "gpgconf"));
    }

    @Before
    public void serveApt() throws Exception {
        archive = DebianArchive.in(work.newFolder("archive").toPath()).deb("hello", 20).deb("big", 6 * 1024).publish();
        mirror = new MirrorServer(archive.root);
        node = AptNode.start(work.newFolder("node").toPath(), mirror);
        // the torrents go to the node's own tracker (FileInstall applies it), so that no announce fails
        Files.writeString(node.install().resolve("deploy/org.debswarm.node.cfg"),
                "trackers=http://127.0.0.1:" + node.trackerPort() + "/announce\n");
        apt = new AptClient(work.newFolder("apt").toPath(), AptNode.prefixSource(node, mirror, archive), null);
        Tools.Result update = apt.update();
        assertTrue(update.output(), update.ok());
        Tools.Result download = apt.download(work.newFolder("debs").toPath(), "hello");
        assertTrue(download.output(), download.ok());
        readings.await("the node's tracker heard of its torrents", node, readings::tracked, t -> !t.isEmpty());
    }

    @After
    public void close() throws Exception {
        if (node != null) {
            node.close();
        }
        if (mirror != null) {
            mirror.close();
        }
    }

    @Test
    public void aStopAfterServingAptLogsNoErrorOrWarning() throws Exception {
        assertCleanStop();
    }

    @Test
    public void aStopDuringADownloadLogsNoErrorOrWarning() throws Exception {
        mirror.slow(archive.path("big"));
        CompletableFuture<Void> sending = mirror.whenSent(archive.path("big"), 256 * 1024);
        Path debs = work.newFolder("big").toPath();
        CompletableFuture<Tools.Result> download = CompletableFuture.supplyAsync(() -> {
            try {
                return apt.download(debs, "big");
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        sending.get(60, TimeUnit.SECONDS);
        assertCleanStop();
        Tools.Result cut = download.get(120, TimeUnit.SECONDS);
        assertFalse("apt saw the download fail, not a short file: " + cut.output(), cut.ok());
    }

    /** SIGTERM; {@link NodeProcess#stop} fails on any ERROR, this on any warning as well. */
    private void assertCleanStop() throws Exception {
        assertEquals("SIGTERM stops the node", 143, node.stop(Duration.ofSeconds(30)));
        List<String> said = node.stopOutput();
        assertEquals("no warning while stopping:\n" + String.join("\n", said), List.of(),
                said.stream().filter(NodeProcess::isWarning).toList());
    }
}
