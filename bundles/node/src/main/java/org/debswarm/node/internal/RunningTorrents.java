package org.debswarm.node.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.debswarm.node.internal.tracker.AnnounceEvent;
import org.debswarm.node.internal.tracker.AnnounceRequest;
import org.debswarm.storage.SpanningStorage;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.MetaInfo;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.PieceBits;

/**
 * The torrents this node runs: for each, a session of the {@link SwarmControl} and its announces. Announces
 * report the session's counters; while it has none, {@code left} from the had pieces and 0 transferred.
 */
final class RunningTorrents {

    private final SwarmControl swarm;
    private final Announcements announcements;
    private final int port;
    private final int numwant;
    private final Set<InfoHash> running = ConcurrentHashMap.newKeySet();
    /** Set when everything stops; guarded by this, as the starts are. */
    private boolean closed;

    RunningTorrents(SwarmControl swarm, Announcements announcements, int port, int numwant) {
        this.swarm = swarm;
        this.announcements = announcements;
        this.port = port;
        this.numwant = numwant;
    }

    boolean isRunning(InfoHash hash) {
        return running.contains(hash);
    }

    /**
     * Starts only until {@link #stopAll} began: a node thread that outlived its bounded wait at deactivation must
     * not announce {@code started} that nobody will follow with {@code stopped}.
     *
     * @return false if it was running already, or everything is stopping
     */
    synchronized boolean start(PackagesTorrent torrent, Origin origin, List<List<URI>> trackers) {
        if (closed || !running.add(torrent.infoHash())) {
            return false;
        }
        swarm.start(torrent, origin);
        announce(torrent.infoHash(), torrent.name(), trackers, () -> Left.of(torrent));
        return true;
    }

    /** @return false if it was running already, or everything is stopping */
    synchronized boolean start(MetaInfo torrent, SpanningStorage storage, PieceBits had, List<List<URI>> trackers) {
        if (closed || !running.add(torrent.infoHash())) {
            return false;
        }
        swarm.start(torrent, storage, had);
        announce(torrent.infoHash(), torrent.name(), trackers, () -> Left.of(torrent, had));
        return true;
    }

    /**
     * Starts the content swarm's session and announces it, as a torrent that is never complete.
     *
     * @return false without an engine, if it runs already, or if everything is stopping
     */
    synchronized boolean startContent(List<List<URI>> trackers) {
        if (closed) {
            return false;
        }
        java.util.Optional<InfoHash> id = swarm.startContent();
        if (id.isEmpty() || !running.add(id.get())) {
            return false;
        }
        announce(id.get(), "content swarm", trackers, () -> 1);
        return true;
    }

    private void announce(InfoHash hash, String name, List<List<URI>> trackers, LongSupplier left) {
        Supplier<AnnounceRequest> state = () -> {
            TransferCounters c = swarm.counters(hash).orElseGet(() -> new TransferCounters(0, 0, left.getAsLong()));
            return new AnnounceRequest(hash, swarm.peerId(), swarm.listeningPort().orElse(port), c.uploaded(), c.downloaded(), c.left(),
                    AnnounceEvent.NONE, numwant, name);
        };
        announcements.start(hash, name, trackers, state, peers -> swarm.addPeers(hash, peers));
    }

    /**
     * Stops announcing (the trackers hear {@code stopped} with the session's last counters), then the session.
     *
     * @return completes when the trackers heard it or failed; the caller bounds the wait
     */
    CompletableFuture<Void> stop(InfoHash hash) {
        if (!running.remove(hash)) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> told = announcements.stop(hash);
        swarm.stop(hash);
        return told;
    }

    /** Stops everything, waiting at most {@code deadline} for the trackers to hear {@code stopped}. */
    void stopAll(Duration deadline) {
        synchronized (this) {
            closed = true;
        }
        announcements.stopAll(deadline);
        for (InfoHash hash : List.copyOf(running)) {
            running.remove(hash);
            swarm.stop(hash);
        }
    }
}
