package org.debswarm.aptlistener.internal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Named threads for the component's executors, and their bounded shutdown. */
final class Threads {

    private static final Logger LOG = LoggerFactory.getLogger(Threads.class);
    private static final long SHUTDOWN_SECONDS = 5;

    private Threads() {
    }

    static ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Interrupts the executor's tasks and waits for them, at most {@value #SHUTDOWN_SECONDS} s. */
    static void shutdown(ExecutorService executor, String name) {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(SHUTDOWN_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("{} threads still running {} s after shutdown", name, SHUTDOWN_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
