package org.debswarm.peerwire.internal.discovery;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many announces one source address may make us read: a bucket of {@link #PER_MINUTE} per address,
 * refilled evenly over a minute, for the {@link #SOURCES} addresses heard from last (an address forgotten
 * starts with a full bucket, which bounds nothing more than the bucket does). Enough for an honest node: even
 * 250 running torrents take 10 datagrams per round. Confined to one thread.
 */
final class SourceLimits {

    /** Announces read per source address per minute (and at once). */
    static final int PER_MINUTE = 20;
    /** Source addresses remembered. */
    static final int SOURCES = 1024;
    private static final long REFILL_NANOS = 60_000_000_000L / PER_MINUTE;

    private static final class Bucket {
        long tokens = PER_MINUTE;
        long at;
    }

    private final Map<InetAddress, Bucket> buckets = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
            return size() > SOURCES;
        }
    };

    /** Whether an announce from {@code source} is read now; takes one token if so. */
    boolean admit(InetAddress source, long now) {
        Bucket b = buckets.get(source);
        if (b == null) {
            b = new Bucket();
            b.at = now;
            buckets.put(source, b);
        }
        long refill = (now - b.at) / REFILL_NANOS;
        if (refill > 0) {
            b.tokens = Math.min(PER_MINUTE, b.tokens + refill);
            b.at += refill * REFILL_NANOS;
        }
        if (b.tokens == 0) {
            return false;
        }
        if (b.tokens == PER_MINUTE) {
            b.at = now;
        }
        b.tokens--;
        return true;
    }
}
