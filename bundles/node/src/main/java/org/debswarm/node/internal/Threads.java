package org.debswarm.node.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stopping an executor with a bounded wait, the interrupt status kept. */
final class Threads {

    private static final Logger LOG = LoggerFactory.getLogger(Threads.class);

    private Threads() {
    }

    /** @return the tasks still queued, which never ran */
    static List<Runnable> stop(ExecutorService executor, Duration wait) {
        List<Runnable> dropped = executor.shutdownNow();
        try {
            if (!executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Node swarm threads still running after {} ms", wait.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return dropped;
    }
}
