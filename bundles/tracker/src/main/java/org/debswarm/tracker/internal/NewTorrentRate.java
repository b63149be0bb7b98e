package org.debswarm.tracker.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-client token buckets of {@link FloodLimits#newTorrentsPerMinute()}. A client with a full bucket is not
 * in the map at all, so the map holds only clients that created torrents lately, at most
 * {@link FloodLimits#maxClients()} of them. Thread-safe: the map is concurrent and each bucket has its own lock.
 */
final class NewTorrentRate {

    private static final double MILLIS_PER_MINUTE = 60_000.0;

    private final ConcurrentHashMap<Bytes, Bucket> buckets = new ConcurrentHashMap<>();
    private final int perMinute;
    private final int maxClients;

    NewTorrentRate(int perMinute, int maxClients) {
        this.perMinute = perMinute;
        this.maxClients = maxClients;
    }

    /** Takes one new torrent from {@code client}'s bucket, or refuses it. */
    void take(Bytes client, long now) throws TrackerRequestException {
        if (buckets.size() >= maxClients && !buckets.containsKey(client)) {
            forgetRefilled(now);
            if (buckets.size() >= maxClients) {
                throw new TrackerRequestException("too many clients creating torrents; retry later");
            }
        }
        if (!buckets.computeIfAbsent(client, c -> new Bucket(perMinute, now)).take(perMinute, now)) {
            throw new TrackerRequestException("too many new torrents from this address (limit " + perMinute
                    + " per minute); retry later");
        }
    }

    /** Drops the buckets that are full again: those clients are back to a fresh start anyway. */
    void forgetRefilled(long now) {
        buckets.entrySet().removeIf(e -> e.getValue().full(perMinute, now));
    }

    int clients() {
        return buckets.size();
    }

    private static final class Bucket {
        private double tokens;
        private long updated;

        Bucket(int size, long now) {
            this.tokens = size;
            this.updated = now;
        }

        synchronized boolean take(int size, long now) {
            refill(size, now);
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }

        synchronized boolean full(int size, long now) {
            refill(size, now);
            return tokens >= size;
        }

        private void refill(int size, long now) {
            if (now > updated) {
                tokens = Math.min(size, tokens + (now - updated) * size / MILLIS_PER_MINUTE);
                updated = now;
            }
        }
    }
}
