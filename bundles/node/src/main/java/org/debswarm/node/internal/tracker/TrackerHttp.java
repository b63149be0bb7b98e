package org.debswarm.node.internal.tracker;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.debswarm.commons.Shutdown;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link HttpClient} of the tracker client, on threads of its own ({@code debswarm-tracker-http-N}), never
 * the common pool. Whoever creates it closes it.
 */
public final class TrackerHttp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrackerHttp.class);
    private static final int THREADS = 2;

    private final ExecutorService executor;
    private final HttpClient client;

    public TrackerHttp(Duration connectTimeout) {
        executor = Executors.newFixedThreadPool(THREADS, named("debswarm-tracker-http-"));
        client = HttpClient.newBuilder().executor(executor).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL).version(HttpClient.Version.HTTP_1_1).build();
    }

    public HttpClient client() {
        return client;
    }

    /** The threads of the client, also used to handle its answers. */
    public ExecutorService executor() {
        return executor;
    }

    /** Stops the threads, waiting at most {@code wait}; on Java 21 and later the client's own selector too. */
    public void close(Duration wait) {
        executor.shutdownNow();
        if (client instanceof AutoCloseable) { // HttpClient.close() exists from Java 21 on
            try {
                ((AutoCloseable) client).close();
            } catch (Exception e) {
                LOG.debug("Closing the tracker HTTP client: {}", e.toString());
            }
        }
        Shutdown.now(executor, "Tracker HTTP", wait);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
