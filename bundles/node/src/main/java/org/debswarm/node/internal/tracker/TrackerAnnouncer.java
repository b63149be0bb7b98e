package org.debswarm.node.internal.tracker;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.debswarm.torrent.bencode.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces one torrent to one tier of trackers (BEP 12): {@code started} first (repeated until a tracker
 * accepts it), then regular announces at the tracker's {@code interval} (never under its {@code min interval}
 * nor {@link #MIN_INTERVAL}), {@code completed} when {@code left} falls to 0, {@code stopped} on
 * {@link #stop()}. A failed URL hands over to the next of its tier at once; when the whole tier failed, the
 * next round waits as {@link Backoff} says. A URL that answers moves to the front of its tier.
 * Every task runs on the {@link Scheduler} or on the HTTP client's threads; nothing blocks.
 */
public final class TrackerAnnouncer {

    /** Floor under a tracker's interval, so that a tracker answering {@code interval 0} is not hammered. */
    public static final Duration MIN_INTERVAL = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(TrackerAnnouncer.class);

    private final String torrent;
    private final List<URI> tier;
    private final HttpTrackerClient client;
    private final Scheduler scheduler;
    private final Backoff backoff;
    private final Supplier<AnnounceRequest> state;
    private final Consumer<List<InetSocketAddress>> peers;
    private final AnnounceObserver observer;
    /** Per URL of the tier, the announces in a row it did not answer; guarded by this. */
    private final Map<URI, Integer> unanswered = new HashMap<>();

    private boolean started;
    private boolean known;
    private int inFlight;
    private boolean stopping;
    private long lastLeft = -1;
    private int failures;
    private int triedInRound;
    private Optional<ByteString> trackerId = Optional.empty();
    private Future<?> next;
    /** The announce under way, if any: {@code stopped} waits for it, so that it cannot overtake it. */
    private CompletableFuture<Void> sending = CompletableFuture.completedFuture(null);
    private volatile String lastError = "";
    private volatile Optional<AnnounceResponse> lastResponse = Optional.empty();

    /**
     * @param torrent its name, for logs
     * @param tier    announce URLs tried in turn
     * @param state   the torrent's current request (event {@link AnnounceEvent#NONE}); called on each announce
     * @param peers   given the peers of each answer
     */
    public TrackerAnnouncer(String torrent, List<URI> tier, HttpTrackerClient client, Scheduler scheduler,
                            Backoff backoff, Supplier<AnnounceRequest> state,
                            Consumer<List<InetSocketAddress>> peers) {
        this(torrent, tier, client, scheduler, backoff, state, peers, AnnounceObserver.NONE);
    }

    /** @param observer told how each announce went */
    public TrackerAnnouncer(String torrent, List<URI> tier, HttpTrackerClient client, Scheduler scheduler,
                            Backoff backoff, Supplier<AnnounceRequest> state,
                            Consumer<List<InetSocketAddress>> peers, AnnounceObserver observer) {
        if (tier.isEmpty()) {
            throw new IllegalArgumentException("empty tier of trackers for " + torrent);
        }
        this.torrent = torrent;
        this.tier = new ArrayList<>(tier);
        this.client = client;
        this.scheduler = scheduler;
        this.backoff = backoff;
        this.state = state;
        this.peers = peers;
        this.observer = observer;
    }

    /** Sends {@code started} now. */
    public void start() {
        synchronized (this) {
            if (started || stopping) {
                return;
            }
            started = true;
        }
        send();
    }

    private void send() {
        AnnounceRequest current = state.get(); // the engine's counters: read without holding this lock
        AnnounceRequest request;
        URI tracker;
        CompletableFuture<Void> handled = new CompletableFuture<>();
        synchronized (this) {
            if (stopping) {
                return;
            }
            request = current.withEvent(event(current.left()));
            tracker = tier.get(0);
            next = null;
            inFlight++;
            sending = handled; // under the same hold as inFlight: a stop() that counts this announce waits for it
        }
        AnnounceRequest sent = request;
        client.announce(tracker, sent, trackerId()).whenComplete((response, error) -> {
            try {
                answered(tracker, sent, response, error);
            } finally {
                handled.complete(null);
            }
        });
    }

    private AnnounceEvent event(long left) {
        if (!known) {
            return AnnounceEvent.STARTED;
        }
        return left == 0 && lastLeft > 0 ? AnnounceEvent.COMPLETED : AnnounceEvent.NONE;
    }

    private synchronized Optional<ByteString> trackerId() {
        return trackerId;
    }

    private void answered(URI tracker, AnnounceRequest sent, AnnounceResponse response, Throwable error) {
        synchronized (this) {
            inFlight--;
            if (stopping) {
                return; // stop() has told the tracker, or had nothing to tell; late answers change nothing
            }
            // under the same hold as inFlight--: a stop() from here on must see that the tracker has this node
            known |= error == null;
        }
        // the observer first: once the next announce is scheduled, it may run and be observed before this one
        if (error == null) {
            tell(() -> observer.answered(tracker, response.peers().size()));
            succeeded(tracker, sent, response);
            peers.accept(response.peers());
        } else {
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            observe(tracker, cause);
            failed(tracker, sent, cause);
        }
    }

    private void observe(URI tracker, Throwable failure) {
        boolean refused = failure instanceof TrackerException e && e.failureReason() != null;
        int inARow;
        synchronized (this) {
            inARow = refused ? 0 : unanswered.merge(tracker, 1, Integer::sum);
            if (refused) {
                unanswered.remove(tracker);
            }
        }
        if (!refused) {
            tell(() -> observer.unanswered(tracker, inARow, String.valueOf(failure.getMessage())));
        }
    }

    /** An observer that fails must not stop the announces: they are scheduled after it was told. */
    private void tell(Runnable observation) {
        try {
            observation.run();
        } catch (RuntimeException e) {
            LOG.warn("{}: the announce observer failed", torrent, e);
        }
    }

    private synchronized void succeeded(URI tracker, AnnounceRequest sent, AnnounceResponse response) {
        unanswered.remove(tracker);
        lastLeft = sent.left();
        failures = 0;
        triedInRound = 0;
        lastError = "";
        lastResponse = Optional.of(response);
        response.trackerId().ifPresent(id -> trackerId = Optional.of(id));
        response.warning().ifPresent(w -> LOG.warn("{}: tracker {} warns: {}", torrent, tracker, w));
        Duration interval = response.interval();
        interval = max(interval, response.minInterval().orElse(Duration.ZERO));
        interval = max(interval, MIN_INTERVAL);
        LOG.debug("{}: {} to {} answered {} peers; next in {} s", torrent, sent.event(), tracker,
                response.peers().size(), interval.toSeconds());
        schedule(interval);
    }

    private synchronized void failed(URI tracker, AnnounceRequest sent, Throwable error) {
        lastError = error.getMessage();
        if (++triedInRound < tier.size()) {
            tier.add(tier.remove(0)); // BEP 12: the next URL of the tier, at once
            LOG.debug("{}: {} failed ({}); trying {}", torrent, tracker, lastError, tier.get(0));
            schedule(Duration.ZERO);
            return;
        }
        triedInRound = 0;
        tier.add(tier.remove(0));
        Duration delay = backoff.delay(++failures);
        if (failures == 1) {
            LOG.warn("{}: {} announce to {} failed: {}; retrying in {} s", torrent, sent.event(), tracker,
                    lastError, delay.toSeconds());
        } else {
            LOG.debug("{}: announce failed {} times: {}; retrying in {} s", torrent, failures, lastError,
                    delay.toSeconds());
        }
        schedule(delay);
    }

    private void schedule(Duration delay) {
        if (!stopping) {
            next = scheduler.schedule(this::send, delay);
        }
    }

    /**
     * Cancels what is scheduled and, if a tracker accepted this node or an announce is under way, sends
     * {@code stopped} to the tracker announced to last. An announce under way is answered (or fails, within its
     * deadline) before {@code stopped} is sent: sent at once, on another connection, {@code stopped} could reach
     * the tracker first, and the {@code started} after it would leave a peer entry nobody removes. The future
     * completes when the tracker answered or failed (never exceptionally); the caller bounds the wait.
     */
    public CompletableFuture<Void> stop() {
        URI tracker;
        boolean tell;
        CompletableFuture<?> underWay;
        synchronized (this) {
            stopping = true;
            if (next != null) {
                next.cancel(false);
                next = null;
            }
            tell = known || inFlight > 0; // an announce under way may have reached the tracker
            tracker = tier.get(0);
            underWay = sending;
        }
        if (!tell) {
            return CompletableFuture.completedFuture(null);
        }
        AnnounceRequest stopped = state.get().withEvent(AnnounceEvent.STOPPED);
        return underWay.handle((r, e) -> null)
                .thenCompose(ignored -> client.announce(tracker, stopped, trackerId())).handle((r, e) -> {
            LOG.debug("{}: stopped sent to {}{}", torrent, tracker, e == null ? "" : ", failed: " + e.getMessage());
            return null;
        });
    }

    /** The error of the last announce, empty after a success: for status pages. */
    public String lastError() {
        return lastError;
    }

    /** The last successful answer. */
    public Optional<AnnounceResponse> lastResponse() {
        return lastResponse;
    }

    /** The URL announced to next (the one that answered last, if any did). */
    public synchronized URI tracker() {
        return tier.get(0);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
