package org.debswarm.storage.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.debswarm.storage.FileKey;
import org.debswarm.storage.StoredFile;

/**
 * Everyone waiting for one content, each under its own key (host and path): the paths to place
 * when the content is stored, and one future per waiter. Every waiter gets a future of its own,
 * so a caller that applies a timeout to it affects nobody else. Each future is completed exactly
 * once, outside this object's lock.
 */
final class WriteTargets {

    private record Target(FileKey key, CompletableFuture<StoredFile> future) {
    }

    private final String sha256;
    private final long size;
    private final List<Target> targets = new ArrayList<>();
    private Map<String, StoredFile> results;
    private Map<String, Throwable> pathFailures;
    private Throwable failure;

    WriteTargets(String sha256, long size) {
        this.sha256 = sha256;
        this.size = size;
    }

    /** Rejects a key that gives this content another size: one of the two indices is wrong. */
    void checkSize(FileKey key) {
        if (key.size() != size) {
            throw new IllegalArgumentException("size " + key.size() + " for sha256 " + sha256 + " at " + key.host()
                    + "/" + key.path() + " (expected: " + size + ", as an earlier request for this content says)");
        }
    }

    /** Registers a waiter for {@code key}; answered at once if this content is already settled. */
    synchronized CompletableFuture<StoredFile> add(FileKey key) {
        checkSize(key);
        CompletableFuture<StoredFile> future = new CompletableFuture<>();
        if (failure != null) {
            future.completeExceptionally(failure);
        } else if (results != null) {
            settleLate(key, future);
        } else {
            Target target = new Target(key, future);
            targets.add(target);
            // A waiter that gives up (timeout, cancel) must not stay referenced until the content comes.
            future.whenComplete((r, e) -> remove(target));
        }
        return future;
    }

    /** A waiter that came after the content was placed: the write's own key, asked again. */
    private void settleLate(FileKey key, CompletableFuture<StoredFile> future) {
        StoredFile file = results.get(id(key));
        if (file != null) {
            future.complete(file);
        } else {
            Throwable cause = pathFailures.get(id(key));
            future.completeExceptionally(cause != null ? cause
                    : new IllegalStateException(key + " is not among the paths this content was placed at"));
        }
    }

    private synchronized void remove(Target target) {
        targets.remove(target);
    }

    synchronized boolean isEmpty() {
        return targets.isEmpty();
    }

    /** The distinct keys (by host and path) to place the content at. */
    synchronized List<FileKey> keys() {
        Map<String, FileKey> distinct = new LinkedHashMap<>();
        targets.forEach(t -> distinct.putIfAbsent(id(t.key()), t.key()));
        return new ArrayList<>(distinct.values());
    }

    /**
     * Completes every waiter with the stored file for its path, or with the failure of its path
     * when placing that one path failed.
     */
    void succeed(Map<String, StoredFile> stored, Map<String, ? extends Throwable> failed) {
        List<Target> waiting;
        synchronized (this) {
            results = Map.copyOf(stored);
            pathFailures = Map.copyOf(failed);
            waiting = new ArrayList<>(targets);
            targets.clear();
        }
        waiting.forEach(t -> settleLate(t.key(), t.future()));
    }

    void fail(Throwable cause) {
        List<Target> waiting;
        synchronized (this) {
            failure = cause;
            waiting = new ArrayList<>(targets);
            targets.clear();
        }
        waiting.forEach(t -> t.future().completeExceptionally(cause));
    }

    static String id(FileKey key) {
        return key.host() + "/" + key.path();
    }
}
