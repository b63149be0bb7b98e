package org.debswarm.itests.apt;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.debswarm.itests.DebswarmCommand;
import org.debswarm.itests.Distribution;
import org.debswarm.itests.NodeProcess;
import org.junit.After;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code debswarm seed import} (issue 14 item 3) with the real command against a real node: a folder holding two
 * packages the node's signed index lists, a corrupt copy of a third and a package no index lists. The two are
 * stored and offered, the corrupt one reported and not kept, the unlisted one left alone; a second node then gets
 * a seeded package from the first over the peer wire, and the mirror never sends it.
 */
public class SeedImportIT {

    @Rule
    public final TemporaryFolder work = new TemporaryFolder();

    private MirrorServer mirror;
    private NodeProcess first;
    private NodeProcess second;

    @BeforeClass
    public static void toolsArePresent() {
        assumeTrue("apt-get, dpkg-deb, xz and gpg are needed", Tools.available("apt-get", "dpkg-deb", "xz", "gpg", "gpgconf"));
    }

    @After
    public void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {second, first, mirror}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    /** Until the port accepts a connection, at most 60 s: another process, so it is sampled (every 100 ms). */
    private static void awaitListening(int port) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (java.io.IOException notYet) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("the peer wire does not listen on port " + port + " within 60 s", notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    @Test
    public void listedFilesAreSeededCorruptOnesReportedAndAPeerGetsThemWithoutTheMirror() throws Exception {
        DebianArchive archive = DebianArchive.in(work.newFolder("archive").toPath())
                .deb("hello", 20).deb("big", 2 * 1024).deb("spoilt", 40).publish();
        DebianArchive other = DebianArchive.in(work.newFolder("other").toPath()).deb("stranger", 10).publish();
        mirror = new MirrorServer(archive.root);
        first = AptNode.start(work.newFolder("first").toPath(), mirror);
        second = AptNode.start(work.newFolder("second").toPath(), mirror);
        String tracker = "http://127.0.0.1:" + first.trackerPort() + "/announce";
        for (NodeProcess node : List.of(first, second)) {
            Path deploy = node.install().resolve("deploy");
            int port = Distribution.freePort();
            Files.writeString(deploy.resolve("org.debswarm.peerwire.cfg"), "port=" + port + "\n");
            Files.writeString(deploy.resolve("org.debswarm.node.cfg"), "trackers=" + tracker + "\n");
            // FileInstall applies these a moment later and the peer wire restarts on the new port, and with it
            // the node's components that need it (the seed importer among them): an import started before
            // would be stopped half-way (CI of 497912d saw "state":"stopped")
            awaitListening(port);
        }
        AptClient aptOfFirst = new AptClient(work.newFolder("apt1").toPath(), AptNode.prefixSource(first, mirror, archive), null);
        assertTrue(aptOfFirst.update().ok()); // the node now holds the signed index: nothing downloaded yet

        Path archives = work.newFolder("var-cache-apt-archives").toPath();
        Files.copy(archive.file("hello"), archives.resolve("hello_1.0_all.deb"));
        Files.copy(archive.file("big"), Files.createDirectories(archives.resolve("partial")).resolve("big_1.0_all.deb"));
        byte[] spoilt = Files.readAllBytes(archive.file("spoilt"));
        spoilt[spoilt.length / 2] ^= 0x55;
        Files.write(archives.resolve("spoilt_1.0_all.deb"), spoilt);
        Files.copy(other.file("stranger"), archives.resolve("stranger_1.0_all.deb"));

        DebswarmCommand.Run seeded = debswarm(first, "--json", "seed", "import", archives.toString());
        assertEquals("one corrupt file: exit 1\n" + seeded.out() + seeded.err(), 1, seeded.code());
        for (String figure : List.of("\"state\":\"done\"", "\"scanned\":4", "\"imported\":2", "\"held\":0",
                "\"unlisted\":1", "\"corruptCount\":1", "\"errorCount\":0", "spoilt_1.0_all.deb")) {
            assertTrue(figure + " in " + seeded.out(), seeded.out().contains(figure));
        }
        Path stored = first.home().resolve("mirrors").resolve(mirror.authority());
        assertArrayEquals(Files.readAllBytes(archive.file("big")), Files.readAllBytes(stored.resolve(archive.path("big"))));
        assertTrue("the corrupt file is not kept", !Files.exists(stored.resolve(archive.path("spoilt"))));
        DebswarmCommand.Run again = debswarm(first, "seed", "import", archives.toString());
        assertTrue(again.out(), again.out().contains("held already:            2"));

        AptClient aptOfSecond = new AptClient(work.newFolder("apt2").toPath(), AptNode.prefixSource(second, mirror, archive), null);
        assertTrue(aptOfSecond.update().ok());
        new NodeTotals().await(second, t -> t.getOrDefault("connectedPeers", 0L) > 0, Duration.ofSeconds(60));
        Path got = work.newFolder("got").toPath();
        Tools.Result download = aptOfSecond.download(got, "big", "hello");
        assertTrue(download.output(), download.ok());
        assertArrayEquals(Files.readAllBytes(archive.file("big")), Files.readAllBytes(got.resolve("big_1.0_all.deb")));
        assertEquals("the mirror never sent a seeded package: " + mirror.log(), 0,
                mirror.gets(archive.path("big")) + mirror.gets(archive.path("hello")));
        long big = Files.size(archive.file("big"));
        // the by-hash Packages index may come from the peer too, and be counted first
        Map<String, Long> totals = new NodeTotals().await(second, t -> t.getOrDefault("fromPeers", 0L) >= big,
                Duration.ofSeconds(30));
        assertTrue("the second node counted them from its peer: " + totals,
                totals.get("fromPeers") >= big);
    }

    /** The real {@code bin/debswarm} command, talking to {@code node}'s console with its password. */
    private DebswarmCommand.Run debswarm(NodeProcess node, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--url", "http://127.0.0.1:" + node.consolePort(), "--home",
                node.home().toString()));
        all.addAll(List.of(args));
        return new DebswarmCommand(node.install(), work.getRoot().toPath()).run(all.toArray(String[]::new));
    }
}
