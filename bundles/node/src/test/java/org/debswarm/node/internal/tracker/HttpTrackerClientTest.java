package org.debswarm.node.internal.tracker;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.debswarm.node.internal.tracker.ScriptedTracker.Reply;
import org.debswarm.torrent.bencode.Bencode;
import org.junit.After;
import org.junit.Test;

/** One announce over real HTTP to a tracker on loopback whose answers the test controls. */
public class HttpTrackerClientTest {

    private final TrackerHttp http = new TrackerHttp(Duration.ofSeconds(2));
    private final HttpTrackerClient client = new HttpTrackerClient(http, Duration.ofSeconds(2), 4096);
    private ScriptedTracker tracker;

    @After
    public void stop() throws Exception {
        if (tracker != null) {
            tracker.close();
        }
        http.close();
    }

    private AnnounceResponse announce(Reply reply) throws Exception {
        tracker = new ScriptedTracker().reply(reply);
        return client.announce(tracker.announce(), AnnounceQueryTest.request(AnnounceEvent.STARTED, "n"),
                Optional.empty()).get(10, TimeUnit.SECONDS);
    }

    private TrackerException failure(Reply reply) throws Exception {
        try {
            announce(reply);
        } catch (ExecutionException e) {
            assertTrue(String.valueOf(e.getCause()), e.getCause() instanceof TrackerException);
            return (TrackerException) e.getCause();
        }
        throw new AssertionError("the announce succeeded");
    }

    @Test
    public void compactPeersOverHttpAndTheRequestAsSent() throws Exception {
        byte[] body = Bencode.encode(Map.of("interval", 900, "peers", AnnounceResponseParserTest.compact4(),
                "peers6", AnnounceResponseParserTest.compact6()));
        AnnounceResponse r = announce(Reply.ok(body));
        assertEquals(Duration.ofSeconds(900), r.interval());
        assertEquals(List.of(new InetSocketAddress("10.0.0.1", 6881), new InetSocketAddress("192.168.1.2", 80),
                new InetSocketAddress("2001:db8::5", 6882)), r.peers());
        Query sent = tracker.nextQuery(Duration.ofSeconds(5));
        assertArrayEquals(AnnounceQueryTest.HASH, sent.bytes("info_hash"));
        assertEquals("started", sent.param("event"));
        assertEquals("n", sent.param("name"));
    }

    @Test
    public void failureReasonIsSurfaced() throws Exception {
        TrackerException e = failure(Reply.ok(Bencode.encode(Map.of("failure reason", "torrent not allowed"))));
        assertEquals("torrent not allowed", e.failureReason());
    }

    @Test
    public void garbageAndHttpErrorsAreErrors() throws Exception {
        assertTrue(failure(Reply.ok("<html>oops</html>".getBytes())).getMessage().startsWith("malformed response"));
        tracker.close();
        assertEquals("HTTP 503 from ", failure(Reply.status(503)).getMessage().substring(0, 14));
    }

    @Test
    public void oversizedResponsesAreCutOff() throws Exception {
        byte[] big = new byte[100_000];
        TrackerException declared = failure(Reply.ok(big));
        assertEquals("response Content-Length 100000 (expected: <= 4096 bytes)", declared.getMessage());
        tracker.close();
        TrackerException streamed = failure(Reply.chunked(big));
        assertEquals("response more than 4096 bytes (expected: <= 4096 bytes)", streamed.getMessage());
    }

    @Test
    public void aHangingTrackerEndsAtTheDeadline() throws Exception {
        long start = System.nanoTime();
        TrackerException e = failure(Reply.hanging());
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(e.getMessage(), e.getMessage().contains("did not answer within 2 s"));
        assertTrue("took " + took + " ms", took >= 1900 && took < 6000);
    }

    @Test
    public void aTrackerThatIsDownIsAnError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try {
            client.announce(URI.create("http://127.0.0.1:" + port + "/announce"),
                    AnnounceQueryTest.request(AnnounceEvent.NONE, ""), Optional.empty()).get(10, TimeUnit.SECONDS);
            fail("announced to nothing");
        } catch (ExecutionException e) {
            assertTrue(e.getCause() instanceof TrackerException);
            assertTrue(e.getCause().getMessage(), e.getCause().getMessage().contains("unreachable"));
        }
        ExecutionException bad = null;
        try {
            client.announce(URI.create("udp://127.0.0.1:1/announce"), AnnounceQueryTest.request(AnnounceEvent.NONE,
                    ""), Optional.empty()).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            bad = e;
        }
        assertNotNull(bad);
        assertTrue(bad.getCause().getMessage(), bad.getCause().getMessage().startsWith("bad tracker URL"));
    }
}
