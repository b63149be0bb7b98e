package org.debswarm.commons;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded shutdown of an executor a component owns (conventions, item 7): stop it, wait at most a given
 * time, log a warning naming the executor when the wait runs out, and keep the caller's interrupt status.
 * The result of the wait is returned, never ignored.
 */
public final class Shutdown {

    private static final Logger LOG = LoggerFactory.getLogger(Shutdown.class);

    private Shutdown() {
    }

    /**
     * Interrupts the executor's running tasks, drops its queued ones and waits for it to terminate.
     *
     * @param name what the executor is, for the warning ("tracker expiry")
     * @return true if it terminated within {@code wait}; false if the wait ran out or the caller was interrupted
     *         (its interrupt status is then set again)
     */
    public static boolean now(ExecutorService executor, String name, Duration wait) {
        executor.shutdownNow();
        return await(executor, name, wait);
    }

    /**
     * Lets the running task finish and cancels what is queued (a scheduled executor's periodic ticks are
     * cancelled by default), waiting at most {@code wait}; if that runs out, interrupts the task.
     *
     * @param name what the executor is, for the warning ("statistics writer")
     * @return true if it terminated within {@code wait}, so that the caller may now do the executor's last
     *         work itself; false otherwise
     */
    public static boolean orderly(ExecutorService executor, String name, Duration wait) {
        executor.shutdown();
        if (await(executor, name, wait)) {
            return true;
        }
        executor.shutdownNow();
        return false;
    }

    private static boolean await(ExecutorService executor, String name, Duration wait) {
        try {
            if (executor.awaitTermination(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                return true;
            }
            LOG.warn("{} threads still running {} ms after shutdown", name, wait.toMillis());
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while waiting for {} threads to stop", name);
        }
        return false;
    }
}
