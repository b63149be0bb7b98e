package org.debswarm.governor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.debswarm.governor.HostStats;
import org.debswarm.governor.MirrorException;
import org.debswarm.governor.MirrorException.Reason;
import org.debswarm.governor.MirrorRequest;
import org.debswarm.governor.MirrorResponse;
import org.junit.Test;

/**
 * Every way a mirror can fail ends within its deadline, with a clear error, and leaves no
 * connection held and no thread behind (the support class checks threads after each test).
 */
public class GovernorFailureTest extends GovernorTestSupport {

    @Test
    public void aMirrorHungAfterTheHeadersCostsTheIdleTimeout() throws Exception {
        TestMirror mirror = mirror(TestMirror.start(MirrorHandlers.hangAfterHeaders()));
        JettyHttpGovernor governor = governor("idleTimeoutMillis", 500L);

        try (MirrorResponse response = response(governor.fetch(MirrorRequest.get(mirror.uri("/hung")).build()))) {
            assertStatus(200, response);
            long start = System.nanoTime();
            MirrorException e = readFailure(response.body(), new long[1]);
            assertTakes(400, 2_000, start);
            assertEquals(e.getMessage(), Reason.IDLE_TIMEOUT, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("no bytes from " + mirror.uri("/hung") + " for 500 ms"));
        }
        assertReleased(governor);
        assertNoConnection(governor);
        HostStats host = governor.snapshot().host(mirror.host()).orElseThrow();
        assertEquals(1, host.errors());
        assertEquals(1, host.timeouts());
    }

    @Test
    public void aMirrorSilentBeforeTheHeadersIsRetriedThenFails() throws Exception {
        TestMirror mirror = mirror(TestMirror.start(MirrorHandlers.of((rq, rs, cb) -> {
            rq.addFailureListener(cb::failed);
            return true; // never answers
        })));
        JettyHttpGovernor governor = governor("idleTimeoutMillis", 300L, "maxAttempts", 2, "backoffInitialMillis", 100L);

        long start = System.nanoTime();
        MirrorException e = failure(governor.fetch(MirrorRequest.get(mirror.uri("/silent")).build()));
        assertTakes(600, 3_000, start);
        assertEquals(e.getMessage(), Reason.IDLE_TIMEOUT, e.reason());
        assertTrue(e.getMessage(), e.getMessage().contains("gave up after 2 attempts on [" + mirror.host() + "]"));
        assertEquals(2, mirror.requests.get());
        assertReleased(governor);
        assertNoConnection(governor);
    }

    @Test
    public void aTricklingMirrorCostsTheWholeRequestDeadline() throws Exception {
        TestMirror mirror = mirror(TestMirror.start(m -> MirrorHandlers.trickle(m, 100, 1_000)));
        JettyHttpGovernor governor = governor("idleTimeoutMillis", 1_500L);
        MirrorRequest request = MirrorRequest.get(mirror.uri("/trickle")).deadline(Duration.ofMillis(2_500)).build();

        long start = System.nanoTime();
        try (MirrorResponse response = response(governor.fetch(request))) {
            long[] read = new long[1];
            MirrorException e = readFailure(response.body(), read);
            assertTakes(2_400, 4_000, start);
            assertEquals(e.getMessage(), Reason.DEADLINE_EXCEEDED, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("deadline of 2500 ms passed while the body"));
            assertTrue("bytes before the deadline: " + read[0], read[0] >= 2 && read[0] <= 4);
        }
        assertReleased(governor);
        assertNoConnection(governor);
        assertEquals(1, governor.snapshot().total().timeouts());
    }

    @Test
    public void aDroppedConnectionMidBodyFailsTheStream() throws Exception {
        TestMirror mirror = mirror(TestMirror.start(MirrorHandlers.dropMidBody(1_000_000, 100_000)));
        JettyHttpGovernor governor = governor();

        try (MirrorResponse response = response(governor.fetch(MirrorRequest.get(mirror.uri("/drop")).build()))) {
            assertEquals(1_000_000, response.contentLength().orElseThrow());
            long[] read = new long[1];
            MirrorException e = readFailure(response.body(), read);
            assertEquals(e.getMessage(), Reason.CONNECTION_LOST, e.reason());
            assertTrue(e.getMessage(), e.getMessage().contains("lost after " + read[0] + " body bytes"));
            assertTrue("read " + read[0], read[0] <= 100_000);
        }
        assertReleased(governor);
        assertNoConnection(governor);
        assertEquals("no retry once the body was handed over", 1, mirror.requests.get());
        awaitTrue(Duration.ofSeconds(5), () -> mirror.openConnections.get() == 0, () -> "mirror still connected");
    }

    @Test
    public void aRefusedConnectionIsRetriedWithBackoffThenReported() throws Exception {
        URI dead = URI.create("http://127.0.0.1:" + freePort() + "/debian/dists/bookworm/InRelease");
        JettyHttpGovernor governor = governor("maxAttempts", 3, "backoffInitialMillis", 200L);

        long start = System.nanoTime();
        MirrorException e = failure(governor.fetch(MirrorRequest.get(dead).build()));
        assertTakes(200 * 8 / 10 + 400 * 8 / 10, 3_000, start);
        assertEquals(e.getMessage(), Reason.CONNECT_FAILED, e.reason());
        assertTrue(e.getMessage(), e.getMessage().contains("gave up after 3 attempts"));
        assertTrue(e.getMessage(), e.getMessage().contains("Connection refused"));
        assertEquals(3, governor.snapshot().total().errors());
        assertReleased(governor);
    }

    @Test
    public void aMirrorThatNeverAcceptsCostsTheConnectTimeout() throws Exception {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> backlog = fillBacklog(full);
            try {
                JettyHttpGovernor governor = governor("connectTimeoutMillis", 500L, "maxAttempts", 1);
                URI uri = URI.create("http://127.0.0.1:" + full.getLocalPort() + "/x");
                long start = System.nanoTime();
                MirrorException e = failure(governor.fetch(MirrorRequest.get(uri).build()));
                assertTakes(400, 2_500, start);
                assertEquals(e.getMessage(), Reason.CONNECT_TIMEOUT, e.reason());
                assertTrue(e.getMessage(), e.getMessage().contains("within 500 ms"));
                assertEquals(1, governor.snapshot().total().timeouts());
                assertReleased(governor);
            } finally {
                for (Socket s : backlog) {
                    s.close();
                }
            }
        }
    }

    @Test
    public void theDeadlineAlsoCoversTheTimeInTheQueue() throws Exception {
        TestMirror mirror = mirror(TestMirror.start(m -> MirrorHandlers.delayed(m, 1_500, new byte[1])));
        JettyHttpGovernor governor = governor("maxConnectionsPerHost", 1);
        CompletableFuture<MirrorResponse> first = governor.fetch(MirrorRequest.get(mirror.uri("/first")).build());

        long start = System.nanoTime();
        MirrorException e = failure(governor.fetch(
                MirrorRequest.get(mirror.uri("/second")).deadline(Duration.ofMillis(300)).build()));
        assertTakes(250, 1_000, start);
        assertEquals(Reason.DEADLINE_EXCEEDED, e.reason());
        assertTrue(e.getMessage(), e.getMessage().contains("while waiting for a connection to " + mirror.host()));
        assertEquals(0, governor.snapshot().total().queued());
        GovernorLimitsTest.readAndClose(response(first));
        assertEquals(1, mirror.requests.get());
        assertReleased(governor);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Connects until the kernel's accept queue is full, so that the next SYN is dropped. */
    private static List<Socket> fillBacklog(ServerSocket server) throws Exception {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 200);
                sockets.add(s);
            } catch (java.net.SocketTimeoutException full) {
                s.close();
                return sockets;
            }
        }
        throw new AssertionError("the accept queue never filled");
    }
}
