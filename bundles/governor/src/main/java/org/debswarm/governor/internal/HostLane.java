package org.debswarm.governor.internal;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.LongAdder;

import org.debswarm.governor.HostStats;

/**
 * One host as the governor sees it: how many exchanges it has in flight, who waits for it, and
 * its counters. {@code active} and {@code waiting} are guarded by the {@link AdmissionQueue}'s
 * lock; the counters are updated from I/O threads without it.
 */
final class HostLane {

    final String host;
    int active;
    final ArrayDeque<AdmissionQueue.Waiter> waiting = new ArrayDeque<>();

    private final LongAdder requests = new LongAdder();
    private final LongAdder bytes = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder timeouts = new LongAdder();

    HostLane(String host) {
        this.host = host;
    }

    void countRequest() {
        requests.increment();
    }

    void countBytes(long n) {
        bytes.add(n);
    }

    void countError(boolean timeout) {
        errors.increment();
        if (timeout) {
            timeouts.increment();
        }
    }

    /** Call with the queue's lock held, so that active and queued are consistent. */
    HostStats stats() {
        return new HostStats(host, active, waiting.size(), requests.sum(), bytes.sum(), errors.sum(), timeouts.sum());
    }
}
