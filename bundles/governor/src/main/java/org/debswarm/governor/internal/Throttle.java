package org.debswarm.governor.internal;

import java.util.concurrent.TimeUnit;

/**
 * A download limit of one mirror host: a token bucket shared by every body read from that host. A reader takes
 * the bytes it has just read and, when the host is past its rate, waits (on its own thread, never Jetty's) until
 * the bucket has refilled, or until its request's deadline. Other hosts, and files the node serves from its own
 * store or cache, are never slowed by it.
 */
class Throttle {

    /** No limit. */
    static final Throttle NONE = new Throttle();

    private final long bytesPerSecond;
    private final long burst;
    private double tokens;
    private long refilledAt;

    private Throttle() {
        this.bytesPerSecond = 0;
        this.burst = 0;
    }

    /**
     * @param bytesPerSecond the limit, {@code > 0}
     * @param now            {@link System#nanoTime()} or a test's clock
     */
    Throttle(long bytesPerSecond, long now) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("bytesPerSecond " + bytesPerSecond + " (expected: > 0)");
        }
        this.bytesPerSecond = bytesPerSecond;
        this.burst = Math.max(64 * 1024, bytesPerSecond / 10); // a read buffer, or 100 ms of the rate
        this.tokens = burst;
        this.refilledAt = now;
    }

    /**
     * Takes {@code n} bytes' worth of tokens, going into debt if there are not enough.
     *
     * @return nanoseconds to wait before reading on, 0 when within the rate
     */
    synchronized long take(long n, long now) {
        if (bytesPerSecond == 0) {
            return 0;
        }
        tokens = Math.min(burst, tokens + (now - refilledAt) * (double) bytesPerSecond / TimeUnit.SECONDS.toNanos(1));
        refilledAt = now;
        tokens -= n;
        return tokens >= 0 ? 0 : (long) Math.ceil(-tokens * TimeUnit.SECONDS.toNanos(1) / bytesPerSecond);
    }

    /** Takes {@code n} bytes and waits as {@link #take} says, at most until {@code deadlineNanos}. */
    void pace(long n, long deadlineNanos) {
        if (bytesPerSecond == 0) {
            return;
        }
        long now = System.nanoTime();
        long wait = Math.min(take(n, now), Math.max(0, deadlineNanos - now));
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the reader's next wait sees it and gives up
            }
        }
    }

    long bytesPerSecond() {
        return bytesPerSecond;
    }
}
