package org.debswarm.torrent.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.debswarm.commons.Whiteboard;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.TorrentRegistryListener;
import org.debswarm.torrent.TorrentStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells {@link TorrentRegistryListener}s about changes on the registry's own thread, never while the registry
 * is locked. Batches are queued while the registry holds its lock, so listeners hear changes in the order they
 * happened, and a listener that arrives late hears the state at its arrival, then only later changes.
 */
final class RegistryNotices {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryNotices.class);

    private final Executor thread;

    RegistryNotices(Executor thread) {
        this.thread = thread;
    }

    /** Changes made under one hold of the registry lock. */
    final class Batch {
        private final List<PackagesTorrent> torrents = new ArrayList<>();
        private final List<TorrentStatus> statuses = new ArrayList<>();

        void add(PackagesTorrent torrent, TorrentStatus status) {
            torrents.add(torrent);
            statuses.add(status);
        }

        /** Queues the batch for the listeners registered now; call with the registry lock held. */
        void send(List<Whiteboard.Listener<TorrentRegistryListener>> listeners) {
            if (!torrents.isEmpty() && !listeners.isEmpty()) {
                submit(() -> {
                    for (int i = 0; i < torrents.size(); i++) {
                        for (Whiteboard.Listener<TorrentRegistryListener> listener : listeners) {
                            tell(listener, torrents.get(i), statuses.get(i));
                        }
                    }
                });
            }
        }
    }

    Batch batch() {
        return new Batch();
    }

    /** Queues the registry's current state for a new listener; call with the registry lock held. */
    void replay(Whiteboard.Listener<TorrentRegistryListener> listener, Map<PackagesTorrent, TorrentStatus> state) {
        if (!state.isEmpty()) {
            submit(() -> state.forEach((torrent, status) -> tell(listener, torrent, status)));
        }
    }

    private void submit(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("Registry stopping: listeners not told of a change");
        }
    }

    /** Obtains the listener on its first notice, here on the registry's thread, never while it activates. */
    private static void tell(Whiteboard.Listener<TorrentRegistryListener> bound, PackagesTorrent torrent,
                             TorrentStatus status) {
        Optional<TorrentRegistryListener> obtained = bound.get();
        if (obtained.isEmpty()) {
            return;
        }
        TorrentRegistryListener listener = obtained.get();
        try {
            listener.torrentChanged(torrent, status);
        } catch (RuntimeException e) {
            LOG.warn("Torrent registry listener {} failed on {} {}", listener, torrent.name(), status, e);
        }
    }
}
