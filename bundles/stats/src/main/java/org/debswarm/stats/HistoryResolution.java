package org.debswarm.stats;

import java.time.Duration;

/** The two rate histories kept: per minute for a day, per hour for thirty days. */
public enum HistoryResolution {
    /** 1440 one-minute periods. */
    MINUTE(Duration.ofMinutes(1), 24 * 60),
    /** 720 one-hour periods. */
    HOUR(Duration.ofHours(1), 30 * 24);

    private final Duration period;
    private final int capacity;

    HistoryResolution(Duration period, int capacity) {
        this.period = period;
        this.capacity = capacity;
    }

    /** Length of one period. */
    public Duration period() {
        return period;
    }

    /** Periods kept. */
    public int capacity() {
        return capacity;
    }
}
