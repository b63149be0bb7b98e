package org.debswarm.governor.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.Scheduler;

/** What every {@link Call} of one governor shares: settings, client, queue and threads. */
final class CallContext {

    final GovernorSettings settings;
    final HttpClient client;
    final AdmissionQueue queue;
    final RetryPolicy retryPolicy;
    final MirrorRates rates;
    private final Scheduler scheduler;
    private final Executor executor;
    /** Calls not yet done, so that stopping can end each of them, whatever it waits for. */
    final Set<Call> live = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    CallContext(GovernorSettings settings, HttpClient client, AdmissionQueue queue) {
        this.settings = settings;
        this.client = client;
        this.queue = queue;
        this.retryPolicy = new RetryPolicy(settings.backoffInitial(), settings.backoffMax());
        this.rates = new MirrorRates(settings.mirrorRateLimits());
        this.scheduler = client.getScheduler();
        this.executor = client.getExecutor();
    }

    /** @return the task, or {@code null} when the governor is stopping and schedules nothing more */
    Scheduler.Task schedule(Runnable task, long delayNanos) {
        try {
            return scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null;
        }
    }

    /**
     * Runs {@code task} on an I/O thread, so that a caller's dependent stages never run inside
     * Jetty's serialized event handling (where a blocking read would wait on itself). Once the
     * governor is stopping, runs it here: a pool being stopped might drop it.
     */
    void dispatch(Runnable task) {
        if (stopping) {
            task.run();
            return;
        }
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            task.run();
        }
    }

    boolean stopping() {
        return stopping;
    }

    void stop() {
        stopping = true;
    }
}
