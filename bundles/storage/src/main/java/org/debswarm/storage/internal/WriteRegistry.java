package org.debswarm.storage.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The writes in progress and the waiters of each content, by SHA-256. Mutators are called under
 * the content's stripe; reads for statistics need no lock.
 */
final class WriteRegistry {

    private final Map<String, ActiveWrite> writes = new ConcurrentHashMap<>();
    private final Map<String, WriteTargets> targets = new ConcurrentHashMap<>();

    ActiveWrite write(String sha256) {
        return writes.get(sha256);
    }

    /** The waiters of a content, created empty if there are none yet. */
    WriteTargets targets(String sha256, long size) {
        return targets.computeIfAbsent(sha256, sha -> new WriteTargets(sha, size));
    }

    void add(ActiveWrite write) {
        writes.put(write.key().sha256(), write);
    }

    /** The write has ended; its waiters are settled by the caller and a new write starts afresh. */
    void remove(ActiveWrite write) {
        writes.remove(write.key().sha256(), write);
        targets.remove(write.key().sha256(), write.targets());
    }

    /** Forgets the waiters of a content nobody writes once none is left (they timed out or were cancelled). */
    void forgetIfIdle(String sha256) {
        WriteTargets waiting = targets.get(sha256);
        if (waiting != null && waiting.isEmpty() && !writes.containsKey(sha256)) {
            targets.remove(sha256, waiting);
        }
    }

    List<ActiveWrite> writes() {
        return List.copyOf(writes.values());
    }

    List<WriteTargets> allTargets() {
        return List.copyOf(targets.values());
    }

    int size() {
        return writes.size();
    }
}
