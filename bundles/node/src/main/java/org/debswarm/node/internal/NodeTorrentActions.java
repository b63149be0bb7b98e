package org.debswarm.node.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.debswarm.node.NodeTorrent;
import org.debswarm.node.TorrentActions;
import org.debswarm.torrent.InfoHash;

/**
 * {@link TorrentActions} on the node's thread: each action is a task queued there, after the index and folder
 * events before it, and its future completes when the task ran. A task the node drops while stopping fails its
 * future.
 */
final class NodeTorrentActions implements TorrentActions {

    /** What one action does to the Packages or the standard torrents. */
    private interface Action {
        NodeTorrent apply(InfoHash hash, boolean packages) throws IOException;
    }

    /** A queued action, which the node fails if it stops before running it. */
    static final class Task implements Runnable {
        private final CompletableFuture<NodeTorrent> result = new CompletableFuture<>();
        private final Runnable body;

        private Task(java.util.function.Consumer<CompletableFuture<NodeTorrent>> body) {
            this.body = () -> body.accept(result);
        }

        @Override
        public void run() {
            body.run();
        }

        void cancel() {
            result.completeExceptionally(new IllegalStateException("the node stopped before the action ran"));
        }
    }

    private final Executor node;
    private final KnownTorrents known;
    private final PackagesRuns packages;
    private final StandardTorrents standard;

    NodeTorrentActions(Executor node, KnownTorrents known, PackagesRuns packages, StandardTorrents standard) {
        this.node = node;
        this.known = known;
        this.packages = packages;
        this.standard = standard;
    }

    @Override
    public List<NodeTorrent> torrents() {
        return known.all();
    }

    @Override
    public Optional<NodeTorrent> torrent(InfoHash infoHash) {
        return known.get(infoHash);
    }

    @Override
    public CompletableFuture<NodeTorrent> stop(InfoHash infoHash) {
        return submit(infoHash, (hash, isPackages) -> isPackages ? packages.stop(hash) : standard.stop(hash));
    }

    @Override
    public CompletableFuture<NodeTorrent> start(InfoHash infoHash) {
        return submit(infoHash, (hash, isPackages) -> isPackages ? packages.start(hash) : standard.start(hash));
    }

    @Override
    public CompletableFuture<NodeTorrent> forget(InfoHash infoHash) {
        return submit(infoHash, (hash, isPackages) -> isPackages ? packages.forget(hash) : standard.forget(hash));
    }

    private CompletableFuture<NodeTorrent> submit(InfoHash hash, Action action) {
        Task task = new Task(result -> {
            try {
                result.complete(action.apply(hash, packages.knows(hash)));
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            node.execute(task);
        } catch (RejectedExecutionException e) {
            task.cancel();
        }
        return task.result;
    }
}
