package org.debswarm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The built-in tracker of a real node keeps its per-torrent totals across a restart of the container, and across
 * a SIGKILL: the database opens again and loses at most the counters of the last write period.
 */
public class TrackerRestartIT {

    private static final String INFO_HASH = "%01%02%03%04%05%06%07%08%09%0a%0b%0c%0d%0e%0f%10%11%12%13%14";
    private static final String INFO_HASH_HEX = "0102030405060708090a0b0c0d0e0f1011121314";
    /** What the tracker's writer logs (at debug) after each write. */
    private static final String WROTE = "Flusher - Wrote ";

    @Rule
    public TemporaryFolder work = new TemporaryFolder();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    public void totalsReportedByPeersSurviveARestart() throws Exception {
        Path workDir = work.getRoot().toPath();
        try (NodeProcess node = NodeProcess.start(workDir)) {
            node.awaitStarted(Duration.ofSeconds(60));
            int port = node.trackerPort();
            node.awaitHttpOk(port, "/stats.json", Duration.ofSeconds(30));
            announce(port, "-DS0001-aaaaaaaaaaaa", 6881, 0, 0, 1000, "started");
            announce(port, "-DS0001-aaaaaaaaaaaa", 6881, 700, 300, 0, "completed");
            announce(port, "-DS0001-bbbbbbbbbbbb", 6882, 0, 1000, 0, "started");
            String before = stats(port);
            assertTrue(before, before.contains(INFO_HASH_HEX));
            assertTrue(before, before.contains("\"name\":\"mirror.test bookworm main binary-amd64\""));
            node.stop(Duration.ofSeconds(30));
        }
        try (NodeProcess again = NodeProcess.start(workDir)) {
            again.awaitStarted(Duration.ofSeconds(60));
            again.awaitHttpOk(again.trackerPort(), "/stats.json", Duration.ofSeconds(30));
            String after = stats(again.trackerPort());
            assertTrue("uploaded total kept: " + after + "\nnode output:\n" + again.output(), after.matches("(?s).*\"uploaded\":700\\b.*"));
            assertTrue("downloaded total kept: " + after, after.matches("(?s).*\"downloaded\":1300\\b.*"));
            assertTrue("completed count kept: " + after, after.matches("(?s).*\"completed\":1\\b.*"));
            assertTrue("name kept: " + after, after.contains("mirror.test bookworm main binary-amd64"));
            again.stop(Duration.ofSeconds(30));
        }
    }

    /**
     * Counters announced before the tracker's writer ran (every second by default) are on disk; the node's java
     * process is then killed with SIGKILL ({@code bin/debswarm} execs java, so the process is the JVM: no
     * shutdown hook, no last write) right after a second announce. After the restart the H2 file opens, the
     * first counters are all there, and of the second announce's increments either all or none, never part:
     * each write is one transaction. The peer is restored with the counters of the same transaction, so its
     * next announce brings the totals to its own figures whichever way the kill fell.
     */
    @Test
    public void aKilledNodeLosesAtMostTheLastWritePeriodOfCounters() throws Exception {
        Path workDir = work.getRoot().toPath();
        String peer = "-DS0001-cccccccccccc";
        // Each write reaches the file when its transaction commits (H2 otherwise writes up to 500 ms later, with
        // no sign outside), and the writer logs each write: the test waits on that line.
        Path deploy = Files.createDirectories(workDir.resolve("install/deploy"));
        Files.writeString(deploy.resolve("org.debswarm.tracker.cfg"), "jdbcUrl=jdbc:h2:"
                + workDir.resolve("home/db/tracker").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0\n");
        try (NodeProcess node = NodeProcess.start(workDir,
                "-Dorg.slf4j.simpleLogger.log.org.debswarm.tracker.internal.Flusher=debug")) {
            node.awaitStarted(Duration.ofSeconds(60));
            int port = node.trackerPort();
            node.awaitHttpOk(port, "/stats.json", Duration.ofSeconds(30));
            announce(port, peer, 6881, 0, 0, 1000, "started");
            announce(port, peer, 6881, 700, 300, 500, "");
            int written = node.awaitLine(node.linesPrinted(), WROTE, Duration.ofSeconds(30));
            // that write may have begun before the announce above; one begun after it was logged has it for sure
            announce(port, peer, 6881, 700, 300, 500, ""); // the same figures: only the peer's last announce to write
            node.awaitLine(written + 1, WROTE, Duration.ofSeconds(30));
            announce(port, peer, 6881, 900, 400, 200, "");
            node.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (NodeProcess again = NodeProcess.start(workDir)) {
            again.awaitStarted(Duration.ofSeconds(60));
            int port = again.trackerPort();
            again.awaitHttpOk(port, "/stats.json", Duration.ofSeconds(30)); // the port opens after the banner
            String peers = awaitStats(port, "?info_hash=" + INFO_HASH_HEX, s -> s.contains("\"peers\":[{"));
            String restored = stats(port);
            boolean lastKept = restored.contains("\"uploaded\":900,\"downloaded\":400,");
            boolean lastLost = restored.contains("\"uploaded\":700,\"downloaded\":300,");
            assertTrue("the counters written before the kill, and of the last period all or nothing: " + restored
                    + "\nnode output:\n" + again.output(), lastKept || lastLost);
            System.out.println("After SIGKILL the last period's counters were " + (lastKept ? "kept" : "lost"));
            String restoredPeer = peers.substring(peers.indexOf("\"peers\":"));
            assertTrue("the peer came back: " + peers, restoredPeer.contains("\"uploaded\":" + (lastKept ? 900 : 700)));
            announce(port, peer, 6881, 1000, 500, 0, "completed");
            String after = stats(port);
            assertTrue("the restored peer adds only its increment: " + after,
                    after.contains("\"completed\":1,\"uploaded\":1000,\"downloaded\":500,"));
            assertFalse("the database opened without a failed write:\n" + again.output(),
                    again.output().contains("Tracker database write failed"));
            again.stop(Duration.ofSeconds(30));
        }
    }

    private void announce(int port, String peerId, int peerPort, long uploaded, long downloaded, long left,
            String event) throws Exception {
        String query = "info_hash=" + INFO_HASH + "&peer_id=" + peerId + "&port=" + peerPort + "&uploaded=" + uploaded
                + "&downloaded=" + downloaded + "&left=" + left + "&event=" + event + "&compact=1"
                + "&name=mirror.test+bookworm+main+binary-amd64";
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/announce?" + query)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        String body = new String(response.body(), StandardCharsets.ISO_8859_1);
        assertTrue("announce accepted: " + body, body.contains("8:intervali"));
    }

    private String stats(int port) throws Exception {
        return stats(port, "");
    }

    private String stats(int port, String query) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/stats.json" + query)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    /**
     * The tracker's {@code /stats.json} (with {@code query}) once it answers 200 and satisfies {@code condition}.
     * The restarted tracker brings back its state on its writer's first run, a moment after it answers; nothing
     * outside the process says when, so this asks every 100 ms until a 30 s deadline.
     */
    private String awaitStats(int port, String query, Predicate<String> condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String last = "";
        while (System.nanoTime() < end) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/stats.json" + query)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200 && condition.test(response.body())) {
                return response.body();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("tracker statistics" + query + " never matched within 30 s: " + last);
    }
}
