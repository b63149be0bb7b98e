package org.debswarm.peerwire.internal.swarm;

/** Bytes transferred: a running total and the rate over the last few seconds (one-second buckets). */
final class RateMeter {

    private static final int SECONDS = 5;
    private static final long SECOND = 1_000_000_000L;

    private final long[] buckets = new long[SECONDS];
    private long total;
    private long currentSecond = Long.MIN_VALUE;

    public void add(long bytes, long nowNanos) {
        advance(nowNanos);
        buckets[(int) Math.floorMod(currentSecond, (long) SECONDS)] += bytes;
        total += bytes;
    }

    public long total() {
        return total;
    }

    /** Bytes per second over the last {@value #SECONDS} whole seconds. */
    public long rate(long nowNanos) {
        advance(nowNanos);
        long sum = 0;
        for (long b : buckets) {
            sum += b;
        }
        return sum / SECONDS;
    }

    private void advance(long nowNanos) {
        long second = Math.floorDiv(nowNanos, SECOND);
        if (currentSecond == Long.MIN_VALUE || second - currentSecond >= SECONDS) {
            java.util.Arrays.fill(buckets, 0);
        } else {
            for (long s = currentSecond + 1; s <= second; s++) {
                buckets[(int) Math.floorMod(s, (long) SECONDS)] = 0;
            }
        }
        currentSecond = Math.max(second, currentSecond == Long.MIN_VALUE ? second : currentSecond);
    }
}
