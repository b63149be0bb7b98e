package org.debswarm.storage.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Futures waiting for a write's readable prefix to reach a length, ordered by that length so each
 * advance releases exactly the ones it satisfies. Guarded by the write's lock; the futures are
 * completed by the caller after releasing it, so no callback runs under the lock.
 */
final class AvailabilityWaiters {

    private final TreeMap<Long, List<CompletableFuture<Long>>> byLength = new TreeMap<>();

    CompletableFuture<Long> add(long length) {
        CompletableFuture<Long> future = new CompletableFuture<>();
        byLength.computeIfAbsent(length, l -> new ArrayList<>(1)).add(future);
        return future;
    }

    /** Removes and returns the futures waiting for a length {@code <= available}. */
    List<CompletableFuture<Long>> release(long available) {
        NavigableMap<Long, List<CompletableFuture<Long>>> ready = byLength.headMap(available, true);
        if (ready.isEmpty()) {
            return List.of();
        }
        List<CompletableFuture<Long>> released = new ArrayList<>();
        for (Map.Entry<Long, List<CompletableFuture<Long>>> e : ready.entrySet()) {
            released.addAll(e.getValue());
        }
        ready.clear();
        return released;
    }

    /** Removes and returns every future, for failing them. */
    List<CompletableFuture<Long>> drain() {
        return release(Long.MAX_VALUE);
    }
}
