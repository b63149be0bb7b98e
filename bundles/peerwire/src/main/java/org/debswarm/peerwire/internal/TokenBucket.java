package org.debswarm.peerwire.internal;

/**
 * A rate limit shared by the connections of an engine: {@code rate} bytes per second with a burst of one
 * second's worth. A rate of 0 means unlimited. Used on the I/O thread only.
 */
final class TokenBucket {

    private static final long SECOND = 1_000_000_000L;

    private final long rate;
    private double tokens;
    private long last;

    TokenBucket(long bytesPerSecond, long nowNanos) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("rate " + bytesPerSecond + " (expected: >= 0, 0 = unlimited)");
        }
        this.rate = bytesPerSecond;
        this.tokens = bytesPerSecond;
        this.last = nowNanos;
    }

    boolean unlimited() {
        return rate == 0;
    }

    /** Takes up to {@code wanted} bytes; returns how many may be transferred now (0: wait). */
    long take(long wanted, long nowNanos) {
        if (rate == 0) {
            return wanted;
        }
        refill(nowNanos);
        long granted = Math.min(wanted, (long) tokens);
        tokens -= granted;
        return granted;
    }

    /** Gives back bytes taken but not transferred. */
    void giveBack(long bytes) {
        if (rate != 0) {
            tokens = Math.min(rate, tokens + bytes);
        }
    }

    /** Nanoseconds until at least one byte may be transferred. */
    long nanosUntilAvailable(long nowNanos) {
        refill(nowNanos);
        return tokens >= 1 || rate == 0 ? 0 : (long) Math.ceil((1 - tokens) * SECOND / rate);
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - last;
        if (elapsed > 0) {
            tokens = Math.min(rate, tokens + (double) elapsed * rate / SECOND);
            last = nowNanos;
        }
    }
}
