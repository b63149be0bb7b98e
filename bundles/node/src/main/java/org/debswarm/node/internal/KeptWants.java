package org.debswarm.node.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.debswarm.torrent.InfoHash;

/**
 * The pieces apt asked for that no session has yet: kept until a session of their torrent has them, and handed
 * again to every session of that torrent that starts meanwhile. A session that starts looks at the store only
 * for complete files; without this, a file the apt listener stored while the session was not running, or was
 * being started again (a configuration change), was never marked had and never announced.
 * <p>
 * Bounded: beyond {@code capacity} the oldest want is dropped and its future fails. Thread-safe.
 */
final class KeptWants {

    /** One piece of one torrent. */
    record Want(InfoHash infoHash, int piece) {
    }

    private final int capacity;
    private final Map<Want, CompletableFuture<Void>> kept = new LinkedHashMap<>();

    KeptWants(int capacity) {
        this.capacity = capacity;
    }

    /** @return the future of {@code want}: the one kept already, or a new one (dropping the oldest if full) */
    CompletableFuture<Void> keep(Want want) {
        CompletableFuture<Void> dropped = null;
        CompletableFuture<Void> future;
        synchronized (kept) {
            future = kept.get(want);
            if (future == null) {
                future = new CompletableFuture<>();
                kept.put(want, future);
                if (kept.size() > capacity) {
                    Iterator<CompletableFuture<Void>> oldest = kept.values().iterator();
                    dropped = oldest.next();
                    oldest.remove();
                }
            }
        }
        if (dropped != null) {
            dropped.completeExceptionally(new IllegalStateException(
                    "more than " + capacity + " wants wait for their pieces: the oldest is dropped"));
        }
        return future;
    }

    /** The session has the piece: the want is done. */
    void satisfied(Want want) {
        CompletableFuture<Void> future;
        synchronized (kept) {
            future = kept.remove(want);
        }
        if (future != null) {
            future.complete(null);
        }
    }

    /** The torrent cannot have this piece (a running session refused it): the want fails. */
    void refused(Want want, Throwable cause) {
        CompletableFuture<Void> future;
        synchronized (kept) {
            future = kept.remove(want);
        }
        if (future != null) {
            future.completeExceptionally(cause);
        }
    }

    /** @return the wants kept for {@code infoHash}, oldest first */
    List<Want> of(InfoHash infoHash) {
        synchronized (kept) {
            List<Want> wants = new ArrayList<>();
            for (Want w : kept.keySet()) {
                if (w.infoHash().equals(infoHash)) {
                    wants.add(w);
                }
            }
            return wants;
        }
    }

    int size() {
        synchronized (kept) {
            return kept.size();
        }
    }
}
