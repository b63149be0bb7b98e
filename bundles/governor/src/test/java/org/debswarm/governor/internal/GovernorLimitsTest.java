package org.debswarm.governor.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.debswarm.governor.GovernorStats;
import org.debswarm.governor.HostStats;
import org.debswarm.governor.MirrorException;
import org.debswarm.governor.MirrorRequest;
import org.debswarm.governor.MirrorResponse;
import org.junit.Test;

/** Per-host and total limits, the fairness of the queue, and its bound, counted at the mirror. */
public class GovernorLimitsTest extends GovernorTestSupport {

    private static final byte[] OK = "ok".getBytes();

    @Test
    public void hundredConcurrentRequestsToOneHostNeverOpenMoreThanTheLimit() throws Exception {
        TestMirror mirror = mirror(TestMirror.start(m -> MirrorHandlers.delayed(m, 20, OK)));
        JettyHttpGovernor governor = governor(); // defaults: 4 per host, 32 in total
        ExecutorService readers = closeLater(new ClosingExecutor(Executors.newFixedThreadPool(8))).executor;
        int threadsBefore = Thread.activeCount();
        AtomicInteger threadsDuring = new AtomicInteger();

        List<CompletableFuture<byte[]>> bodies = new ArrayList<>();
        int maxActiveSeen = 0;
        for (int i = 0; i < 100; i++) {
            bodies.add(governor.fetch(MirrorRequest.get(mirror.uri("/file" + i)).build())
                    .thenApplyAsync(response -> {
                        // sampled as each answer arrives, while the rest of the hundred are queued or in flight
                        threadsDuring.accumulateAndGet(Thread.activeCount(), Math::max);
                        return readAndClose(response);
                    }, readers));
            maxActiveSeen = Math.max(maxActiveSeen, governor.snapshot().total().active());
        }
        for (CompletableFuture<byte[]> body : bodies) {
            assertArrayEquals(OK, body.get(20, TimeUnit.SECONDS));
        }

        assertEquals("requests in the mirror's handler at once", 4, mirror.maxActiveRequests.get());
        assertTrue("connections open at the mirror: " + mirror.maxOpenConnections, mirror.maxOpenConnections.get() <= 4);
        assertTrue("active in the governor: " + maxActiveSeen, maxActiveSeen <= 4);
        // a thread per download would add about a hundred; the pools (governor I/O 16, readers 8, mirror) add 24
        int added = threadsDuring.get() - threadsBefore;
        assertTrue("threads while 100 downloads were under way: " + threadsDuring + " (before: " + threadsBefore
                + ")", added < 50);
        assertEquals(100, mirror.requests.get());
        HostStats host = governor.snapshot().host(mirror.host()).orElseThrow();
        assertEquals(100, host.requests());
        assertEquals(200, host.bytes());
        assertEquals(0, host.errors());
        assertReleased(governor);
    }

    @Test
    public void aSecondHostIsServedWhileTheFirstIsSaturated() throws Exception {
        TestMirror busy = mirror(TestMirror.start(m -> MirrorHandlers.delayed(m, 2_000, OK)));
        TestMirror other = mirror(TestMirror.start(MirrorHandlers.fixed(200, OK)));
        JettyHttpGovernor governor = governor("maxConnectionsPerHost", 2);
        List<CompletableFuture<MirrorResponse>> waiting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            waiting.add(governor.fetch(MirrorRequest.get(busy.uri("/slow" + i)).build()));
        }

        long start = System.nanoTime();
        try (MirrorResponse response = response(governor.fetch(MirrorRequest.get(other.uri("/fast")).build()))) {
            assertArrayEquals(OK, response.body().readAllBytes());
        }
        assertTakes(0, 1_000, start);
        GovernorStats stats = governor.snapshot();
        HostStats saturated = stats.host(busy.host()).orElseThrow();
        assertEquals(2, saturated.active());
        assertEquals(18, saturated.queued());
        waiting.forEach(f -> f.cancel(true));
        assertReleased(governor);
    }

    @Test
    public void whenTheTotalLimitIsReachedHostsTakeTurns() throws Exception {
        TestMirror busy = mirror(TestMirror.start(m -> MirrorHandlers.delayed(m, 200, OK)));
        TestMirror other = mirror(TestMirror.start(MirrorHandlers.fixed(200, OK)));
        JettyHttpGovernor governor = governor("maxConnectionsPerHost", 4, "maxConnectionsTotal", 4);
        ExecutorService readers = closeLater(new ClosingExecutor(Executors.newFixedThreadPool(8))).executor;
        AtomicInteger busyDone = new AtomicInteger();
        List<CompletableFuture<byte[]>> bodies = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            bodies.add(governor.fetch(MirrorRequest.get(busy.uri("/slow" + i)).build())
                    .thenApplyAsync(GovernorLimitsTest::readAndClose, readers)
                    .whenComplete((b, t) -> busyDone.incrementAndGet()));
        }
        assertEquals(16, governor.snapshot().total().queued());

        CompletableFuture<Integer> otherDoneAfter = governor.fetch(MirrorRequest.get(other.uri("/fast")).build())
                .thenApplyAsync(GovernorLimitsTest::readAndClose, readers)
                .thenApply(body -> busyDone.get());

        int busyBeforeOther = otherDoneAfter.get(20, TimeUnit.SECONDS);
        assertTrue("the other host waited for " + busyBeforeOther + " of 20 answers of the busy one",
                busyBeforeOther <= 8);
        for (CompletableFuture<byte[]> body : bodies) {
            body.get(20, TimeUnit.SECONDS);
        }
        assertTrue(busy.maxActiveRequests.get() <= 4);
        assertReleased(governor);
    }

    @Test
    public void aFullQueueFailsAtOnceWithAClearError() throws Exception {
        TestMirror mirror = mirror(TestMirror.start(m -> MirrorHandlers.delayed(m, 300, OK)));
        JettyHttpGovernor governor = governor("maxConnectionsPerHost", 1, "queueCapacity", 2);
        List<CompletableFuture<MirrorResponse>> accepted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            accepted.add(governor.fetch(MirrorRequest.get(mirror.uri("/f" + i)).build()));
        }

        long start = System.nanoTime();
        MirrorException full = failure(governor.fetch(MirrorRequest.get(mirror.uri("/one-too-many")).build()));
        assertTakes(0, 200, start);
        assertEquals(MirrorException.Reason.QUEUE_FULL, full.reason());
        assertTrue(full.getMessage(), full.getMessage().contains("limit queueCapacity=2"));
        assertTrue(full.getMessage(), full.getMessage().contains("/one-too-many"));
        for (CompletableFuture<MirrorResponse> f : accepted) {
            assertArrayEquals(OK, readAndClose(f.get(20, TimeUnit.SECONDS)));
        }
        assertEquals(3, mirror.requests.get());
        assertReleased(governor);
    }

    static byte[] readAndClose(MirrorResponse response) {
        try (response) {
            return response.body().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An executor the test support closes (and whose threads it then expects gone). */
    static final class ClosingExecutor implements AutoCloseable {
        final ExecutorService executor;

        ClosingExecutor(ExecutorService executor) {
            this.executor = executor;
        }

        @Override
        public void close() throws InterruptedException {
            executor.shutdownNow();
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
