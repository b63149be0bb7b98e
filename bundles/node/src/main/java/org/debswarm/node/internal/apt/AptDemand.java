package org.debswarm.node.internal.apt;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
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
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.TorrentRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Packages for apt from the swarm: a package source ranked above the mirror. When apt asks for a file, the apt
 * listener offers this node the store's write (it streams to apt from it as bytes arrive), and this node, after one
 * look at how the peers stand towards the file, in the session of a Packages torrent that lists it and in the
 * content swarm ({@link FileSwarms}):
 * <ul>
 * <li>if a peer of the torrent has it, asks the engine for the piece at top priority; when peers stall, hands the
 * rest to the sources below, the mirror ({@link PeerDownload}); else the same from the content swarm's peers;</li>
 * <li>if a peer of either says it is fetching it from the mirror, waits for that peer's copy the same way, with
 * patience while the peer keeps fetching;</li>
 * <li>otherwise hands it to the mirror at once and tells the peers of both so ({@link AnnouncedMirrorFetch}), so
 * that a fleet asking for the same file at once asks the mirror once; also with no peer connected, so that peers
 * connecting during the fetch hear of it and wait for this copy;</li>
 * <li>but at the start of a run (the torrent not registered yet, or its session just started), when every node of
 * a fleet asks for the same files at the same moment, the nodes take turns by peer id before asking the mirror
 * ({@link #inTurn}); and with no peer connected yet, if configured, first waits a short, bounded time for the first
 * ones ({@link LaterLook}).</li>
 * </ul>
 * Without an engine it declines, and the write goes to the mirror. In every case the engine watches for the file,
 * to announce it when it is stored. Present only while the peer-wire engine is. When it stops, the listener hands
 * the writes it took to the mirror, from where they are.
 */
@Component(service = PackageSource.class, configurationPid = AptDemandConfiguration.PID)
@Designate(ocd = AptDemandConfiguration.class)
public final class AptDemand implements PackageSource {

    private static final Logger LOG = LoggerFactory.getLogger(AptDemand.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);
    /** The most give-way times a node waits for the peers that go before it at the start of a run. */
    static final int MAX_TURNS = 4;

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
    private final Set<LaterLook> waiting = ConcurrentHashMap.newKeySet();

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
        Optional<PieceLocator.Located> located = PieceLocator.find(registry.torrents(), key);
        if (located.isEmpty()) {
            watchUnregistered(key);
        }
        FileSwarms swarms = new FileSwarms(key, located.flatMap(at -> swarm.session(at.torrent().infoHash())),
                located.map(PieceLocator.Located::piece).orElse(-1), swarm.content());
        FileSwarms.Look look = swarms.look();
        if (!look.inTorrent().fromPeers() && look.inContent().fromPeers()) {
            // the torrent's session marks it had and announces it once stored, but must not ask its own peers for
            // it meanwhile (they would send the same blocks again, should they connect during the download)
            write.completion().thenRun(() -> located.ifPresent(this::watch));
            return Optional.of(fromContent(write, swarms, below));
        }
        located.ifPresent(this::watch); // whoever fills it, the engine marks the file had and announces it once stored
        if (swarms.none()) {
            return Optional.empty(); // no engine: the mirror below, and nobody to tell
        }
        if (look.inTorrent().fromPeers()) {
            return Optional.of(fromPeers(write, swarms, below));
        }
        if (!startOfRun(located)) {
            return Optional.of(fromMirror(write, swarms, below));
        }
        if (look.inTorrent().connectedPeers() == 0 && !firstPeers.isZero()) {
            Duration wait = firstPeersWait(located.get());
            if (!wait.isZero()) {
                LOG.debug("{}/{}: no peer yet, {} ms for the first ones", key.host(), key.path(), wait.toMillis());
                return Optional.of(later(write, swarms, below, wait, () -> afterLook(write, swarms, below,
                        (w, s, b, again) -> inTurn(w, s, b, again))));
            }
        }
        return Optional.of(inTurn(write, swarms, below, look));
    }

    /**
     * The start of a run: the file's torrent is not registered yet (apt asked right after its update), or its session
     * started less than {@code firstPeersWindowMillis} ago. Every node of a fleet that updates at once is in this
     * moment at once, and asks for the same files.
     */
    private boolean startOfRun(Optional<PieceLocator.Located> located) {
        if (located.isEmpty()) {
            return true;
        }
        Optional<Duration> age = swarm.sessionAge(located.get().torrent().infoHash());
        return age.isPresent() && age.get().compareTo(firstPeersWindow) < 0;
    }

    /**
     * Whoever fills it, a stored file joins the content swarm's inventory: the store verified it against the
     * SHA-256 of apt's signed index.
     */
    private void offerWhenStored(FileWrite write) {
        write.completion().thenAccept(file -> swarm.content().ifPresent(c -> c.offer(List.of(write.key()))));
    }

    /**
     * A peer of the content swarm lists the file (it read it from another index version, suite, architecture or
     * host), or fetches it from a mirror: asked for it at top priority; when it stalls, the rest goes to the
     * mirror, as from a torrent's peers.
     */
    private Fill fromContent(FileWrite write, FileSwarms swarms, SourcesBelow below) {
        ContentSession content = swarms.content().orElseThrow();
        PeerDownload download = peerDownload(write, below, content.infoHash(),
                () -> swarms.inContent().fetchingFromMirror());
        content.want(write.key()).exceptionally(failure -> null);
        LOG.debug("{}/{} from peers of the content swarm", write.key().host(), write.key().path());
        return download;
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

    /** Takes the write now and decides after {@code wait} (on the timer); the mirror at once if the timer stopped. */
    private Fill later(FileWrite write, FileSwarms swarms, SourcesBelow below, Duration wait, Supplier<Fill> decide) {
        LaterLook later = new LaterLook(write);
        waiting.add(later);
        write.completion().whenComplete((file, failure) -> waiting.remove(later));
        try {
            later.start(wait, timer, () -> {
                waiting.remove(later);
                return decide.get();
            });
        } catch (RejectedExecutionException stopping) {
            waiting.remove(later);
            return fromMirror(write, swarms, below);
        }
        return later;
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
     * At the start of a run, no peer has the file or fetches it: every node of a fleet that asked for it at this
     * moment looks at about the same time, and were they all to ask the mirror, the give-way check would stop all
     * but one only after each had asked. So they take turns by peer id, among the peers connected in either swarm:
     * the first asks at once (and tells them); one preceded by {@code n} peers gives them {@code n} give-way times
     * (at most {@value #MAX_TURNS}) before it looks a last time, so that a later one sees an earlier one's notice
     * even when the first of all is not asking.
     */
    private Fill inTurn(FileWrite write, FileSwarms swarms, SourcesBelow below, FileSwarms.Look look) {
        int before = swarms.peersBefore(swarm.peerId(), look);
        if (before == 0) {
            return fromMirror(write, swarms, below);
        }
        Duration turn = giveWay.multipliedBy(Math.min(before, MAX_TURNS));
        LOG.debug("{}/{}: {} connected peers go first, {} ms for their mirror fetch notices", write.key().host(),
                write.key().path(), before, turn.toMillis());
        return later(write, swarms, below, turn,
                () -> afterLook(write, swarms, below, (w, s, b, again) -> fromMirror(w, s, b)));
    }

    /** What to do when a look finds no peer with the file or fetching it. */
    @FunctionalInterface
    private interface NoPeers {
        Fill decide(FileWrite write, FileSwarms swarms, SourcesBelow below, FileSwarms.Look look);
    }

    /** One more look: the peers of whichever swarm has the file or fetches it, the torrent's first; else {@code none}. */
    private Fill afterLook(FileWrite write, FileSwarms swarms, SourcesBelow below, NoPeers none) {
        FileSwarms.Look look = swarms.look();
        if (look.inTorrent().fromPeers()) {
            return fromPeers(write, swarms, below);
        }
        if (look.inContent().fromPeers()) {
            return fromContent(write, swarms, below);
        }
        return none.decide(write, swarms, below, look);
    }

    private Fill fromPeers(FileWrite write, FileSwarms swarms, SourcesBelow below) {
        TorrentSession session = swarms.torrent().orElseThrow();
        PeerDownload download = peerDownload(write, below, session.infoHash(),
                () -> swarms.inTorrent().fetchingFromMirror());
        LOG.debug("{}/{} from peers of {}", write.key().host(), write.key().path(), session);
        return download;
    }

    /** A started download from the peers of one swarm, kept until the write completes (to stop it with us). */
    private PeerDownload peerDownload(FileWrite write, SourcesBelow below, InfoHash swarmId, IntSupplier fetchers) {
        PeerDownload download = new PeerDownload(write, below, swarmId.toHex(), stall, deadline, timer, fetchers,
                fetcherPatience);
        running.add(download);
        write.completion().whenComplete((file, failure) -> running.remove(download));
        download.start();
        return download;
    }

    private Fill fromMirror(FileWrite write, FileSwarms swarms, SourcesBelow below) {
        AnnouncedMirrorFetch fetch = new AnnouncedMirrorFetch(write, swarms);
        fetching.add(fetch);
        write.completion().whenComplete((file, failure) -> fetching.remove(fetch));
        fetch.start(below, giveWay, timer, () -> {
            fetching.remove(fetch);
            afterGiveWay(write, swarms, below);
        });
        LOG.debug("{}/{} from the mirror, announced to the peers of {}", write.key().host(), write.key().path(),
                swarms);
        return fetch;
    }

    /** This node stopped its mirror fetch for a peer's: it waits for that copy, in the swarm the peer told it in. */
    private void afterGiveWay(FileWrite write, FileSwarms swarms, SourcesBelow below) {
        if (swarms.torrent().isPresent() && (swarms.content().isEmpty() || swarms.inTorrent().fromPeers())) {
            fromPeers(write, swarms, below);
        } else {
            fromContent(write, swarms, below);
        }
    }

    @Deactivate
    void deactivate() {
        waiting.forEach(LaterLook::stop);
        running.forEach(PeerDownload::stop);
        fetching.forEach(AnnouncedMirrorFetch::stop);
        Shutdown.now(timer, "Apt demand timer", STOP_WAIT);
    }
}
