package org.debswarm.governor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.debswarm.governor.GovernorStats;
import org.debswarm.governor.MirrorException;
import org.debswarm.governor.MirrorResponse;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

/**
 * Real governors against real Jetty mirrors on loopback. After each test everything is closed
 * and every thread the test started must be gone (within a settling deadline).
 */
public abstract class GovernorTestSupport {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();
    @Rule
    public final Timeout timeout = new Timeout(30, TimeUnit.SECONDS);

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private Set<Thread> threadsBefore;

    @Before
    public void recordThreads() {
        threadsBefore = new HashSet<>(Thread.getAllStackTraces().keySet());
    }

    @After
    public void closeAndCheckThreads() throws Exception {
        while (!resources.isEmpty()) {
            resources.pop().close();
        }
        awaitTrue(Duration.ofSeconds(10), () -> newThreads().isEmpty(), () -> "threads left behind: " + newThreads());
    }

    protected JettyHttpGovernor governor(Object... config) {
        return closeLater(new JettyHttpGovernor(Configs.of(config)));
    }

    protected TestMirror mirror(TestMirror mirror) {
        return closeLater(mirror);
    }

    protected <T extends AutoCloseable> T closeLater(T resource) {
        resources.push(resource);
        return resource;
    }

    /** Waits for the failure of a future and returns it, failing the test if it succeeded. */
    protected static MirrorException failure(CompletableFuture<?> future) throws InterruptedException {
        try {
            Object value = future.get(20, TimeUnit.SECONDS);
            fail("expected a MirrorException, got " + value);
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MirrorException m) {
                return m;
            }
            throw new AssertionError("expected a MirrorException", e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the future did not complete within 20 s", e);
        }
    }

    protected static MirrorResponse response(CompletableFuture<MirrorResponse> future) throws Exception {
        MirrorResponse response = future.get(20, TimeUnit.SECONDS);
        assertNotNull(response);
        return response;
    }

    /** Reads until the stream fails and returns that failure, with the count of bytes read before it. */
    protected static MirrorException readFailure(InputStream in, long[] bytesRead) {
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0;) {
                bytesRead[0] += n;
            }
        } catch (MirrorException e) {
            return e;
        } catch (IOException e) {
            throw new AssertionError("expected a MirrorException", e);
        }
        throw new AssertionError("the body ended normally after " + bytesRead[0] + " bytes");
    }

    /** Waits until the governor holds no connection and queues nothing, and no reader is stuck in it. */
    protected static void assertReleased(JettyHttpGovernor governor) {
        awaitTrue(Duration.ofSeconds(5), () -> {
            GovernorStats s = governor.snapshot();
            return s.total().active() == 0 && s.total().queued() == 0;
        }, () -> "governor still busy: " + governor.snapshot().total());
        awaitTrue(Duration.ofSeconds(5), () -> stuckReaders().isEmpty(), () -> "threads stuck: " + stuckReaders());
    }

    /** Waits until the governor's client holds no connection at all: an aborted exchange closes its own. */
    protected static void assertNoConnection(JettyHttpGovernor governor) {
        awaitTrue(Duration.ofSeconds(5), () -> governor.openConnections() == 0,
                () -> governor.openConnections() + " connections still open");
    }

    protected static void awaitTrue(Duration limit, BooleanSupplier condition, java.util.function.Supplier<String> message) {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail(message.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    protected static void assertTakes(long minMillis, long maxMillis, long startNanos) {
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        if (took < minMillis || took > maxMillis) {
            fail("took " + took + " ms (expected: " + minMillis + " to " + maxMillis + " ms)");
        }
    }

    protected static void assertStatus(int expected, MirrorResponse response) {
        assertEquals(response.toString(), expected, response.status());
    }

    private Set<String> newThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !threadsBefore.contains(t))
                .map(Thread::getName).collect(Collectors.toSet());
    }

    /** Threads (other than this one) waiting inside the governor's body stream. */
    private static Set<String> stuckReaders() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey() != Thread.currentThread())
                .filter(e -> Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().equals(BodyStream.class.getName())))
                .map(e -> e.getKey().getName()).collect(Collectors.toSet());
    }
}
