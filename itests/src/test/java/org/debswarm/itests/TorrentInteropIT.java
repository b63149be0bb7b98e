package org.debswarm.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The node speaks ordinary BitTorrent: a standard multi-file .torrent made by {@code mktorrent}, announced to
 * the node's own tracker, is downloaded by the node from {@code aria2c}, and seeded by the node to
 * {@code aria2c}, byte for byte. The administrator's way in is the node's {@code torrents/} folder.
 */
public class TorrentInteropIT {

    private static final Duration TRANSFER = Duration.ofSeconds(90);

    @Rule
    public final TemporaryFolder work = new TemporaryFolder();

    private final List<Process> clients = new ArrayList<>();
    private NodeProcess node;
    private Path content;

    @BeforeClass
    public static void toolsArePresent() {
        assumeTrue("aria2c and mktorrent are needed", onPath("aria2c") && onPath("mktorrent"));
    }

    @Before
    public void start() throws Exception {
        content = work.newFolder("content", "share").toPath();
        write(content.resolve("image.bin"), 3 * 1024 * 1024 + 12345, 1);
        write(content.resolve("notes/readme.txt"), 70_000, 2);
        node = NodeProcess.start(work.newFolder("node").toPath());
        Files.writeString(node.install().resolve("deploy/org.debswarm.peerwire.cfg"),
                "port=" + Distribution.freePort() + "\n");
        node.awaitStarted(Duration.ofSeconds(60));
        node.awaitHttpOk(node.trackerPort(), "/stats.json", Duration.ofSeconds(30));
    }

    @After
    public void stop() throws Exception {
        for (Process client : clients) {
            client.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    public void theNodeDownloadsWhatAria2Seeds() throws Exception {
        Path torrent = makeTorrent();
        clients.add(aria2(List.of("--check-integrity=true", "--seed-ratio=0.0", "--dir=" + content.getParent()),
                torrent, "seeder"));
        Files.copy(torrent, Files.createDirectories(node.home().resolve("torrents")).resolve("share.torrent"));
        awaitSameContent(node.home().resolve("torrents/share"));
    }

    @Test
    public void aria2DownloadsWhatTheNodeSeeds() throws Exception {
        Path torrent = makeTorrent();
        Path seeded = Files.createDirectories(node.home().resolve("torrents"));
        copyTree(content, seeded.resolve("share"));
        Files.copy(torrent, seeded.resolve("share.torrent"));
        Path out = work.newFolder("out").toPath();
        Process leecher = aria2(List.of("--seed-time=0", "--dir=" + out), torrent, "leecher");
        clients.add(leecher);
        boolean ended = leecher.waitFor(TRANSFER.toSeconds(), TimeUnit.SECONDS);
        assertEquals("aria2c finished its download from the node: " + log("leecher"), true, ended);
        assertEquals(log("leecher"), 0, leecher.exitValue());
        assertArrayEquals(Files.readAllBytes(content.resolve("image.bin")), Files.readAllBytes(out.resolve("share/image.bin")));
        assertArrayEquals(Files.readAllBytes(content.resolve("notes/readme.txt")),
                Files.readAllBytes(out.resolve("share/notes/readme.txt")));
    }

    private Path makeTorrent() throws Exception {
        Path torrent = work.getRoot().toPath().resolve("share.torrent");
        Process mktorrent = new ProcessBuilder("mktorrent", "-l", "16", "-a",
                "http://127.0.0.1:" + node.trackerPort() + "/announce", "-o", torrent.toString(), content.toString())
                .redirectErrorStream(true).redirectOutput(work.getRoot().toPath().resolve("mktorrent.log").toFile()).start();
        assertEquals(true, mktorrent.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, mktorrent.exitValue());
        return torrent;
    }

    private Process aria2(List<String> options, Path torrent, String name) throws IOException {
        List<String> command = new ArrayList<>(List.of("aria2c", "--listen-port=" + Distribution.freePort(),
                "--enable-dht=false", "--enable-dht6=false", "--bt-enable-lpd=false", "--enable-peer-exchange=false",
                "--bt-require-crypto=false", "--summary-interval=0", "--console-log-level=warn",
                "--log=" + work.getRoot().toPath().resolve(name + ".log"), "--log-level=info"));
        command.addAll(options);
        command.add(torrent.toString());
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.getRoot().toPath().resolve(name + ".out").toFile()).start();
    }

    /**
     * The node writes an ordinary torrent's pieces straight into {@code torrents/<name>/}; from outside the
     * process there is no event to wait on, so this compares the files every 250 ms until the deadline.
     */
    private void awaitSameContent(Path downloaded) throws Exception {
        long end = System.nanoTime() + TRANSFER.toNanos();
        while (System.nanoTime() < end) {
            if (sameFile(downloaded.resolve("image.bin"), content.resolve("image.bin"))
                    && sameFile(downloaded.resolve("notes/readme.txt"), content.resolve("notes/readme.txt"))) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the node did not download the torrent within " + TRANSFER + "; seeder log:\n"
                + log("seeder") + "\nnode output:\n" + node.output());
    }

    private static boolean sameFile(Path a, Path b) throws IOException {
        return Files.isRegularFile(a) && Files.size(a) == Files.size(b)
                && java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    private String log(String name) throws IOException {
        Path log = work.getRoot().toPath().resolve(name + ".log");
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    private static void write(Path file, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
