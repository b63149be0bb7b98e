package org.debswarm.node.internal.apt;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.debswarm.aptlistener.Fill;
import org.debswarm.aptlistener.PackageSource;
import org.debswarm.aptlistener.SourcesBelow;
import org.debswarm.commons.Shutdown;
import org.debswarm.node.internal.SwarmControl;
import org.debswarm.peerwire.ContentSession;
import org.debswarm.peerwire.PieceAvailability;
import org.debswarm.peerwire.TorrentSession;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileWrite;
import org.debswarm.storage.PieceStore;
import org.debswarm.torrent.TorrentRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Packages for apt from the swarm: a package source ranked above the mirror. When apt asks for a file of a
 * running Packages torrent, the apt listener offers this node the store's write (it streams to apt from it as
 * bytes arrive), and this node, after one look at how its peers stand towards the piece:
 * <ul>
 * <li>if a connected peer has it, asks the engine for the piece at top priority; when peers stall, hands the
 * rest to the sources below, the mirror ({@link PeerDownload});</li>
 * <li>if a connected peer says it is fetching it from the mirror, waits for that peer's copy the same way,
 * with patience while the peer keeps fetching;</li>
 * <li>otherwise hands it to the mirror at once and tells its peers so ({@link AnnouncedMirrorFetch}), so that a
 * fleet asking for the same package at once asks the mirror once; also with no peer connected, so that peers
 * connecting during the fetch hear of it and wait for this copy;</li>
 * <li>but with no peer connected just after the torrent's session started (the start of a run), it first waits a
 * short, bounded time for the first peers, then looks once more ({@link FirstPeersWait}).</li>
 * </ul>
 * Without a session (no engine) it declines, and the write goes to the mirror. In every case the engine watches
 * for the file, to announce it when it is stored. Present only while the peer-wire engine is. When it stops, the
 * listener hands the writes it took to the mirror, from where they are.
 */
@Component(service = PackageSource.class, configurationPid = AptDemandConfiguration.PID)
@Designate(ocd = AptDemandConfiguration.class)
public final class AptDemand implements PackageSource {

    private static final Logger LOG = LoggerFactory.getLogger(AptDemand.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);
    private static final long AVAILABILITY_WAIT_SECONDS = 5;

    private final TorrentRegistry registry;
    private final PieceStore store;
    private final SwarmControl swarm;
    private final Duration stall;
    private final Duration deadline;
    private final Duration giveWay;
    private final Duration fetcherPatience;
    private final Duration firstPeers;
    private final Duration firstPeersWindow;
    private final ScheduledExecutorService timer;
    private final Set<PeerDownload> running = ConcurrentHashMap.newKeySet();
    private final Set<AnnouncedMirrorFetch> fetching = ConcurrentHashMap.newKeySet();
    private final Set<FirstPeersWait> waiting = ConcurrentHashMap.newKeySet();

    @Activate
    public AptDemand(AptDemandConfiguration config, @Reference TorrentRegistry registry, @Reference PieceStore store,
            @Reference SwarmControl swarm) {
        if (config.stallSeconds() < 1 || config.deadlineSeconds() < config.stallSeconds()) {
            throw new IllegalArgumentException("stallSeconds " + config.stallSeconds() + ", deadlineSeconds "
                    + config.deadlineSeconds() + " (expected: 1 <= stall <= deadline)");
        }
        if (config.firstPeersMillis() < 0 || config.firstPeersMillis() > 2000 || config.firstPeersWindowMillis() < 0
                || config.firstPeersWindowMillis() > 60_000) {
            throw new IllegalArgumentException("firstPeersMillis " + config.firstPeersMillis()
                    + ", firstPeersWindowMillis " + config.firstPeersWindowMillis() + " (expected: 0 to 2000, 0 to 60000)");
        }
        if (config.giveWayMillis() < 1 || config.giveWayMillis() > 60_000 || config.fetcherPatienceSeconds() < 0) {
            throw new IllegalArgumentException("giveWayMillis " + config.giveWayMillis() + ", fetcherPatienceSeconds "
                    + config.fetcherPatienceSeconds() + " (expected: 1 to 60000, >= 0)");
        }
        this.registry = registry;
        this.store = store;
        this.swarm = swarm;
        this.stall = Duration.ofSeconds(config.stallSeconds());
        this.deadline = Duration.ofSeconds(config.deadlineSeconds());
        this.giveWay = Duration.ofMillis(config.giveWayMillis());
        this.fetcherPatience = Duration.ofSeconds(config.fetcherPatienceSeconds());
        this.firstPeers = Duration.ofMillis(config.firstPeersMillis());
        this.firstPeersWindow = Duration.ofMillis(config.firstPeersWindowMillis());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "debswarm-apt-demand"));
    }

    @Override
    public Optional<Fill> offer(FileWrite write, SourcesBelow below) {
        FileKey key = write.key();
        offerWhenStored(write);
        Optional<ContentSession> content = swarm.content();
        Optional<PieceLocator.Located> located = PieceLocator.find(registry.torrents(), key);
        if (located.isEmpty()) {
            watchUnregistered(key);
            return content.filter(c -> availability(c, key).fromPeers()).map(c -> fromContent(write, c, below));
        }
        PieceLocator.Located at = located.get();
        Optional<TorrentSession> session = swarm.session(at.torrent().infoHash());
        PieceAvailability peers = session.map(s -> availability(s, at.piece())).orElse(PieceAvailability.NONE);
        if (!peers.fromPeers() && content.isPresent() && availability(content.get(), key).fromPeers()) {
            // the torrent's session marks it had and announces it once stored, but must not ask its own peers for
            // it meanwhile (they would send the same blocks again, should they connect during the download)
            write.completion().thenRun(() -> watch(at));
            return Optional.of(fromContent(write, content.get(), below));
        }
        watch(at); // whoever fills it, the engine marks the file had and announces it once stored
        if (session.isEmpty()) {
            return Optional.empty(); // no engine: the mirror below, and nobody to tell
        }
        if (peers.fromPeers()) {
            return Optional.of(fromPeers(write, at, session.get(), below));
        }
        Duration wait = peers.connectedPeers() == 0 ? firstPeersWait(at) : Duration.ZERO;
        return Optional.of(wait.isZero() ? fromMirror(write, at, session.get(), below)
                : firstPeers(write, at, session.get(), below, wait));
    }

    /**
     * Whoever fills it (peers, the mirror), a stored file joins the content swarm's inventory: the store verified
     * it against the SHA-256 of apt's signed index.
     */
    private void offerWhenStored(FileWrite write) {
        write.completion().thenAccept(file -> swarm.content().ifPresent(c -> c.offer(List.of(write.key()))));
    }

    /**
     * A peer of the content swarm lists the file (it read it from another index version, suite, architecture or
     * host): asked for it at top priority; when it stalls, the rest goes to the mirror, as from a torrent's peers.
     */
    private Fill fromContent(FileWrite write, ContentSession content, SourcesBelow below) {
        PeerDownload download = new PeerDownload(write, below, content.infoHash().toHex(), stall, deadline, timer,
                () -> 0, fetcherPatience);
        running.add(download);
        write.completion().whenComplete((file, failure) -> running.remove(download));
        download.start();
        content.want(write.key()).exceptionally(failure -> null);
        LOG.debug("{}/{} from peers of the content swarm", write.key().host(), write.key().path());
        return download;
    }

    /** As {@link #availability(TorrentSession, int)}, for a file of the content swarm. */
    static PieceAvailability availability(ContentSession content, FileKey key) {
        try {
            return content.availability(key).get(AVAILABILITY_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PieceAvailability.NONE;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.info("No answer on {} from the {} within {} s, counted as no peers: {}", key.path(), content,
                    AVAILABILITY_WAIT_SECONDS, e.toString());
            return PieceAvailability.NONE;
        }
    }

    /** How long a request that finds no peer waits for the first ones: only just after its session started. */
    private Duration firstPeersWait(PieceLocator.Located at) {
        Optional<Duration> age = swarm.sessionAge(at.torrent().infoHash());
        if (firstPeers.isZero() || age.isEmpty() || age.get().compareTo(firstPeersWindow) >= 0) {
            return Duration.ZERO;
        }
        Duration rest = firstPeersWindow.minus(age.get());
        return rest.compareTo(firstPeers) < 0 ? rest : firstPeers;
    }

    private Fill firstPeers(FileWrite write, PieceLocator.Located at, TorrentSession session, SourcesBelow below,
            Duration wait) {
        LOG.debug("{}/{}: no peer yet, {} ms for the first ones", write.key().host(), write.key().path(),
                wait.toMillis());
        return later(write, at, session, below, wait, () -> afterFirstPeers(write, at, session, below));
    }

    /** Takes the write now and decides after {@code wait} (on the timer); the mirror at once if the timer stopped. */
    private Fill later(FileWrite write, PieceLocator.Located at, TorrentSession session, SourcesBelow below,
            Duration wait, Supplier<Fill> decide) {
        FirstPeersWait later = new FirstPeersWait(write);
        waiting.add(later);
        write.completion().whenComplete((file, failure) -> waiting.remove(later));
        try {
            later.start(wait, timer, () -> {
                waiting.remove(later);
                return decide.get();
            });
        } catch (RejectedExecutionException stopping) {
            waiting.remove(later);
            return fromMirror(write, at, session, below);
        }
        return later;
    }

    /**
     * The one trip to the engine's I/O thread an apt request makes, bounded: a busy or stopping engine counts
     * as no peers, and the write goes to the mirror.
     */
    static PieceAvailability availability(TorrentSession session, int piece) {
        try {
            return session.availability(piece).get(AVAILABILITY_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PieceAvailability.NONE;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // rare and worth seeing: it is why a package a peer has comes from the mirror
            LOG.info("No answer on piece {} from the {} within {} s, counted as no peers: {}", piece, session,
                    AVAILABILITY_WAIT_SECONDS, e.toString());
            return PieceAvailability.NONE;
        }
    }

    private void watch(PieceLocator.Located at) {
        swarm.want(at.torrent().infoHash(), at.piece()).exceptionally(failure -> null);
    }

    /**
     * apt asked for a listed package before its index's torrents were registered (they are, on the node's own
     * thread, just after the listener parsed the index). Once the listener has stored the file, it is looked for
     * again: a session started meanwhile would otherwise never learn of it; one that starts later finds it stored.
     */
    private void watchUnregistered(FileKey key) {
        store.whenStored(key).orTimeout(deadline.toSeconds(), TimeUnit.SECONDS).thenAccept(stored ->
                PieceLocator.find(registry.torrents(), key).ifPresent(this::watch)).exceptionally(failure -> null);
    }

    /**
     * The look after the wait for the first peers. Every node that asked at the start of the run looks at about
     * the same moment; were they all to ask the mirror then, the give-way check would stop all but one, but only
     * after each had asked. So the one whose peer id sorts first among the connected peers asks at once (and tells
     * them), and the others give it {@code giveWayMillis} to do so before they look a last time.
     */
    private Fill afterFirstPeers(FileWrite write, PieceLocator.Located at, TorrentSession session, SourcesBelow below) {
        PieceAvailability peers = availability(session, at.piece());
        if (peers.fromPeers()) {
            return fromPeers(write, at, session, below);
        }
        if (peers.connectedPeers() == 0 || !PeerOrder.precededByAConnectedPeer(session, swarm.peerId())) {
            return fromMirror(write, at, session, below);
        }
        return later(write, at, session, below, giveWay, () -> availability(session, at.piece()).fromPeers()
                ? fromPeers(write, at, session, below) : fromMirror(write, at, session, below));
    }

    private Fill fromPeers(FileWrite write, PieceLocator.Located at, TorrentSession session, SourcesBelow below) {
        PeerDownload download = new PeerDownload(write, below, session.infoHash().toHex(), stall, deadline, timer,
                () -> availability(session, at.piece()).fetchingFromMirror(), fetcherPatience);
        running.add(download);
        write.completion().whenComplete((file, failure) -> running.remove(download));
        download.start();
        LOG.debug("{}/{} from peers of {}", write.key().host(), write.key().path(), at.torrent().name());
        return download;
    }

    private Fill fromMirror(FileWrite write, PieceLocator.Located at, TorrentSession session, SourcesBelow below) {
        AnnouncedMirrorFetch fetch = new AnnouncedMirrorFetch(write, session, at.piece());
        fetching.add(fetch);
        write.completion().whenComplete((file, failure) -> fetching.remove(fetch));
        fetch.start(below, giveWay, timer, () -> {
            fetching.remove(fetch);
            fromPeers(write, at, session, below);
        });
        LOG.debug("{}/{} from the mirror, announced to the peers of {}", write.key().host(), write.key().path(),
                at.torrent().name());
        return fetch;
    }

    @Deactivate
    void deactivate() {
        waiting.forEach(FirstPeersWait::stop);
        running.forEach(PeerDownload::stop);
        fetching.forEach(AnnouncedMirrorFetch::stop);
        Shutdown.now(timer, "Apt demand timer", STOP_WAIT);
    }
}
