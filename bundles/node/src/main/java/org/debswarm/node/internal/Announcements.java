package org.debswarm.node.internal;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.debswarm.node.internal.tracker.AnnounceObserver;
import org.debswarm.node.internal.tracker.AnnounceRequest;
import org.debswarm.node.internal.tracker.Backoff;
import org.debswarm.node.internal.tracker.HttpTrackerClient;
import org.debswarm.node.internal.tracker.Scheduler;
import org.debswarm.node.internal.tracker.TrackerAnnouncer;
import org.debswarm.torrent.InfoHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The announcers of every running torrent: one per tier of its trackers. */
final class Announcements {

    private static final Logger LOG = LoggerFactory.getLogger(Announcements.class);

    private final HttpTrackerClient client;
    private final Scheduler scheduler;
    private final Backoff backoff;
    private final TrackerWatch watch;
    private final BooleanSupplier frameworkStopping;
    private final Map<InfoHash, List<TrackerAnnouncer>> running = new ConcurrentHashMap<>();

    /**
     * @param watch makes the node's warnings of how the announces go
     * @param frameworkStopping true while the framework stops: nothing new is announced then
     */
    Announcements(HttpTrackerClient client, Scheduler scheduler, Backoff backoff, TrackerWatch watch,
                  BooleanSupplier frameworkStopping) {
        this.client = client;
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.watch = watch;
        this.frameworkStopping = frameworkStopping;
    }

    /**
     * Starts announcing (event {@code started}) to each tier, unless the torrent is announced already or the
     * framework is stopping (a tracker in this node may already be gone; the peers would hear {@code stopped}
     * a moment later anyway).
     */
    void start(InfoHash hash, String name, List<List<URI>> tiers, Supplier<AnnounceRequest> state,
               Consumer<List<InetSocketAddress>> peers) {
        if (frameworkStopping.getAsBoolean()) {
            LOG.debug("{}: not announced, the framework is stopping", name);
            return;
        }
        List<TrackerAnnouncer> announcers = new ArrayList<>(tiers.size());
        AnnounceObserver observer = watch.observer(hash, name);
        for (List<URI> tier : tiers) {
            announcers.add(new TrackerAnnouncer(name, tier, client, scheduler, backoff, state, peers, observer));
        }
        if (running.putIfAbsent(hash, announcers) == null) {
            announcers.forEach(TrackerAnnouncer::start);
        }
    }

    /** Stops announcing a torrent; the future completes when its trackers heard {@code stopped} (or failed). */
    CompletableFuture<Void> stop(InfoHash hash) {
        List<TrackerAnnouncer> announcers = running.remove(hash);
        if (announcers == null) {
            return CompletableFuture.completedFuture(null);
        }
        watch.stopped(hash);
        return CompletableFuture.allOf(announcers.stream().map(TrackerAnnouncer::stop)
                .toArray(CompletableFuture[]::new));
    }

    /** Stops every torrent, telling the trackers {@code stopped} at once, waiting at most {@code deadline}. */
    void stopAll(Duration deadline) {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        new ArrayList<>(running.keySet()).forEach(hash -> stops.add(stop(hash)));
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
                    .get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.info("Some trackers did not hear 'stopped' within {} s", deadline.toSeconds());
        } catch (ExecutionException e) {
            LOG.debug("Stopping announces: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The announcers of a torrent (for status and tests); empty if not announced. */
    List<TrackerAnnouncer> of(InfoHash hash) {
        return running.getOrDefault(hash, List.of());
    }
}
