package org.debswarm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The built-in tracker of a real node keeps its per-torrent totals across a restart of the container. */
public class TrackerRestartIT {

    private static final String INFO_HASH = "%01%02%03%04%05%06%07%08%09%0a%0b%0c%0d%0e%0f%10%11%12%13%14";
    private static final String INFO_HASH_HEX = "0102030405060708090a0b0c0d0e0f1011121314";

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
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/stats.json")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }
}
