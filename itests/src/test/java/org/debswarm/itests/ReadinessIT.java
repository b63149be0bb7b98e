package org.debswarm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Ready means ready (issue 17 item 4): from the moment the apt port accepts connections it answers 503 with
 * {@code Retry-After} until the apt listener serves, never the container's 404; {@code /health} on the console
 * port says so without login, and {@code ?wait} answers as soon as the node is ready.
 */
public class ReadinessIT {

    /** A mirror no node allows: the apt listener refuses it with 403, so any other answer is someone else's. */
    private static final String PATH = "/mirror.invalid/debian/dists/stable/InRelease";

    @Rule
    public TemporaryFolder work = new TemporaryFolder();

    @Test
    public void theAptPortNeverAnswers404FromTheMomentItAcceptsConnections() throws Exception {
        try (NodeProcess node = NodeProcess.start(work.getRoot().toPath())) {
            Map<Integer, Integer> seen = new TreeMap<>();
            StringBuilder unexpected = new StringBuilder();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            int status = -1;
            while (status != 403 && System.nanoTime() < end && node.process().isAlive()) {
                status = answer(node.aptPort(), seen, unexpected);
            }
            assertEquals("the apt listener answers in the end; seen " + seen + "; output:\n" + node.output(), 403,
                    status);
            assertFalse("never 404 while starting: " + seen, seen.containsKey(404));
            assertTrue("only 503 before the apt listener, then its 403: " + seen + "\n" + unexpected + "output:\n"
                    + node.output(), Map.of(503, 0, 403, 0).keySet().containsAll(seen.keySet()));

            HttpURLConnection health = open(node.consolePort(), "/health?wait=60");
            assertEquals("ready, without login", 200, health.getResponseCode());
            String json = new String(health.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(json, json.startsWith("{\"live\":true,\"ready\":true,"));
            assertEquals("application/json", health.getContentType());
            assertEquals(143, node.stop(Duration.ofSeconds(30)));
        }
    }

    /**
     * One GET of {@link #PATH}: its status, counted in {@code seen}; -1 while nothing listens. A 503 must carry
     * Retry-After. An outside process has no event for "the port opened", so the caller samples; a refused
     * connection costs 2 ms of pause, not a busy loop on a shared machine.
     */
    private static int answer(int port, Map<Integer, Integer> seen, StringBuilder unexpected) throws IOException {
        HttpURLConnection connection = open(port, PATH);
        int status;
        try {
            status = connection.getResponseCode();
        } catch (java.net.ConnectException notYetListening) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            return -1;
        }
        seen.merge(status, 1, Integer::sum);
        if (status == 503) {
            assertEquals("503 says when to retry", "2", connection.getHeaderField("Retry-After"));
        } else if (status != 403) {
            unexpected.append(describe(connection, status));
        }
        connection.disconnect();
        return status;
    }

    /** An answer neither the gate nor the apt listener gives: its headers and body, to tell whose it is. */
    private static String describe(HttpURLConnection connection, int status) throws IOException {
        StringBuilder text = new StringBuilder("unexpected " + status + " at " + java.time.Instant.now() + ":\n");
        connection.getHeaderFields().forEach((name, values) -> text.append(name).append(": ").append(values)
                .append('\n'));
        try (java.io.InputStream body = connection.getErrorStream()) {
            if (body != null) {
                text.append(new String(body.readNBytes(4096), StandardCharsets.UTF_8)).append('\n');
            }
        }
        return text.toString();
    }

    private static HttpURLConnection open(int port, String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
                .openConnection();
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(70000);
        return connection;
    }
}
