package org.debswarm.storage.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Contents being served now ({@link org.debswarm.storage.FileLease}s open), which eviction skips. */
final class Leases {

    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    void acquire(String sha256) {
        open.merge(sha256, 1, Integer::sum);
    }

    void release(String sha256) {
        open.computeIfPresent(sha256, (sha, count) -> count == 1 ? null : count - 1);
    }

    boolean inUse(String sha256) {
        return open.containsKey(sha256);
    }
}
