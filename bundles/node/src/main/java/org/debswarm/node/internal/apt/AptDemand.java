package org.debswarm.node.internal.apt;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;

import org.debswarm.commons.Shutdown;
import org.debswarm.aptlistener.PackageSource;
import org.debswarm.governor.HttpGovernor;
import org.debswarm.node.internal.SwarmControl;
import org.debswarm.peerwire.PieceAvailability;
import org.debswarm.peerwire.TorrentSession;
import org.debswarm.stats.StatsRecorder;
import org.debswarm.storage.BeginResult;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileWrite;
import org.debswarm.storage.PieceStore;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.TorrentRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Packages for apt from the swarm. When apt asks for a file of a running Packages torrent, this node claims the
 * store's write (the apt listener then streams from it as bytes arrive) and:
 * <ul>
 * <li>if a connected peer has it, asks the engine for the piece at top priority; when peers stall, the mirror
 * fills the rest ({@link PeerDownload});</li>
 * <li>if a connected peer says it is fetching it from the mirror, waits for that peer's copy the same way,
 * with patience while the peer keeps fetching;</li>
 * <li>otherwise fetches it from the mirror itself and tells its peers so
 * ({@link AnnouncedMirrorFetch}), so that a fleet asking for the same package at once asks the mirror once.</li>
 * </ul>
 * With no connected peer at all it declines, and the listener goes to the mirror on its own; the engine still
 * watches for the file, to announce it when it is stored. Present only while the peer-wire engine is.
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
    private final HttpGovernor governor;
    private final Duration stall;
    private final Duration deadline;
    private final Duration giveWay;
    private final Duration fetcherPatience;
    private final String scheme;
    private final ScheduledExecutorService timer;
    private final ExecutorService copier;
    private final Set<PeerDownload> running = ConcurrentHashMap.newKeySet();
    private final Set<AnnouncedMirrorFetch> fetching = ConcurrentHashMap.newKeySet();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile StatsRecorder stats;

    @Activate
    public AptDemand(AptDemandConfiguration config, @Reference TorrentRegistry registry, @Reference PieceStore store,
            @Reference SwarmControl swarm, @Reference HttpGovernor governor) {
        if (config.stallSeconds() < 1 || config.deadlineSeconds() < config.stallSeconds()) {
            throw new IllegalArgumentException("stallSeconds " + config.stallSeconds() + ", deadlineSeconds "
                    + config.deadlineSeconds() + " (expected: 1 <= stall <= deadline)");
        }
        if (config.giveWayMillis() < 1 || config.giveWayMillis() > 60_000 || config.fetcherPatienceSeconds() < 0) {
            throw new IllegalArgumentException("giveWayMillis " + config.giveWayMillis() + ", fetcherPatienceSeconds "
                    + config.fetcherPatienceSeconds() + " (expected: 1 to 60000, >= 0)");
        }
        if (!config.mirrorScheme().equals("http") && !config.mirrorScheme().equals("https")) {
            throw new IllegalArgumentException("mirrorScheme " + config.mirrorScheme() + " (expected: http or https)");
        }
        this.registry = registry;
        this.store = store;
        this.swarm = swarm;
        this.governor = governor;
        this.stall = Duration.ofSeconds(config.stallSeconds());
        this.deadline = Duration.ofSeconds(config.deadlineSeconds());
        this.giveWay = Duration.ofMillis(config.giveWayMillis());
        this.fetcherPatience = Duration.ofSeconds(config.fetcherPatienceSeconds());
        this.scheme = config.mirrorScheme();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "debswarm-apt-demand"));
        this.copier = Executors.newFixedThreadPool(2, r -> new Thread(r, "debswarm-apt-demand-fill"));
    }

    @Override
    public boolean offer(FileKey key) {
        Optional<PieceLocator.Located> located = PieceLocator.find(registry.torrents(), key);
        if (located.isEmpty()) {
            watchUnregistered(key);
            return false;
        }
        PieceLocator.Located at = located.get();
        Optional<TorrentSession> session = swarm.session(at.torrent().infoHash());
        PieceAvailability peers = session.map(s -> availability(s, at.piece())).orElse(PieceAvailability.NONE);
        if (!peers.fromPeers() && peers.connectedPeers() == 0) {
            watch(at); // alone: the listener's own mirror download is the quickest; announce the file once stored
            return false;
        }
        BeginResult begin;
        try {
            begin = store.begin(key);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Cannot claim {}/{}: {}", key.host(), key.path(), e.toString());
            return false;
        }
        if (begin.outcome() == BeginResult.Outcome.CREATED) {
            FileWrite write = begin.write().orElseThrow();
            if (peers.fromPeers()) {
                fromPeers(write, at, session.get());
            } else {
                fromMirror(write, at, session.get());
            }
        }
        return true;
    }

    /**
     * The one trip to the engine's I/O thread an apt request makes, bounded: a busy or stopping engine counts
     * as no peers, and the listener goes to the mirror.
     */
    static PieceAvailability availability(TorrentSession session, int piece) {
        try {
            return session.availability(piece).get(AVAILABILITY_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PieceAvailability.NONE;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debug("No availability of piece {} from {}: {}", piece, session, e.toString());
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

    private void fromPeers(FileWrite write, PieceLocator.Located at, TorrentSession session) {
        PeerDownload download = new PeerDownload(write, uri(write), governor, stall, deadline, timer, copier,
                mirrorBytes(write, session.infoHash()),
                () -> availability(session, at.piece()).fetchingFromMirror(), fetcherPatience);
        running.add(download);
        write.completion().whenComplete((file, failure) -> running.remove(download));
        watch(at);
        download.start();
        LOG.debug("{}/{} from peers of {}", write.key().host(), write.key().path(), at.torrent().name());
    }

    private void fromMirror(FileWrite write, PieceLocator.Located at, TorrentSession session) {
        AnnouncedMirrorFetch fetch = new AnnouncedMirrorFetch(write, session, at.piece());
        fetching.add(fetch);
        write.completion().whenComplete((file, failure) -> fetching.remove(fetch));
        watch(at);
        fetch.start(governor, uri(write), deadline, giveWay, timer, copier, mirrorBytes(write, session.infoHash()),
                () -> {
                    fetching.remove(fetch);
                    fromPeers(write, at, session);
                });
        LOG.debug("{}/{} from the mirror, announced to the peers of {}", write.key().host(), write.key().path(),
                at.torrent().name());
    }

    private URI uri(FileWrite write) {
        return URI.create(scheme + "://" + write.key().host() + "/" + write.key().path());
    }

    private LongConsumer mirrorBytes(FileWrite write, InfoHash hash) {
        String infoHash = hash.toHex();
        return bytes -> {
            StatsRecorder recorder = stats;
            if (recorder != null) {
                recorder.mirrorDownloaded(infoHash, write.key().host(), bytes);
            }
        };
    }

    @Deactivate
    void deactivate() {
        running.forEach(PeerDownload::release);
        fetching.forEach(AnnouncedMirrorFetch::release);
        Shutdown.now(timer, "Apt demand timer", STOP_WAIT);
        Shutdown.now(copier, "Apt demand mirror fill", STOP_WAIT);
    }
}
