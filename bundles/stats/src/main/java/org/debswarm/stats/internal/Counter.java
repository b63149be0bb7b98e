package org.debswarm.stats.internal;

import java.util.concurrent.atomic.LongAdder;

/**
 * One persistent counter: what the database held at start plus what was added since. Producers only add (a
 * {@link LongAdder}, no contention); the writer stores the absolute value, so a failed write is simply
 * repeated with a newer value and nothing is counted twice or lost.
 */
final class Counter {

    private final long base;
    private final LongAdder added = new LongAdder();
    /** The value last committed; read and written by the writer thread only. */
    private long written;

    Counter(long base) {
        this.base = base;
        this.written = base;
    }

    void add(long amount) {
        added.add(amount);
    }

    void increment() {
        added.increment();
    }

    long value() {
        return base + added.sum();
    }

    long written() {
        return written;
    }

    void written(long value) {
        written = value;
    }
}
