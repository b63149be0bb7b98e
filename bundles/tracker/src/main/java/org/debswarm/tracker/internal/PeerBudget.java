package org.debswarm.tracker.internal;

import java.util.concurrent.atomic.AtomicInteger;

/** Bounds the live peers over all swarms, so a flood of invented peer ids cannot exhaust memory. */
final class PeerBudget {

    private final AtomicInteger used = new AtomicInteger();
    private final int max;

    PeerBudget(int max) {
        this.max = max;
    }

    void acquire() throws TrackerRequestException {
        if (used.incrementAndGet() > max) {
            used.decrementAndGet();
            throw new TrackerRequestException("tracker full: " + max + " peers");
        }
    }

    void release() {
        used.decrementAndGet();
    }

    int used() {
        return used.get();
    }
}
