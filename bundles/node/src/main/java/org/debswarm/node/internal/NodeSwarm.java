package org.debswarm.node.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.debswarm.commons.FrameworkState;
import org.debswarm.commons.Shutdown;
import org.debswarm.aptlistener.PackagesIndex;
import org.debswarm.aptlistener.PackagesIndexListener;
import org.debswarm.node.NodeTorrent;
import org.debswarm.node.NodeWarning;
import org.debswarm.node.NodeWarnings;
import org.debswarm.node.TorrentActions;
import org.debswarm.node.internal.tracker.Backoff;
import org.debswarm.node.internal.tracker.HttpTrackerClient;
import org.debswarm.node.internal.tracker.TrackerHttp;
import org.debswarm.storage.PieceStore;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.TorrentFactory;
import org.debswarm.torrent.TorrentRegistry;
import org.debswarm.torrent.TorrentRegistryListener;
import org.debswarm.torrent.TorrentStatus;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node glue: every Packages index apt fetched becomes its two torrents, registered, run and announced;
 * torrents the registry drops are stopped; the .torrent files of the torrent folder run too; an administrator
 * stops, starts and forgets them ({@link TorrentActions}). All of it on one thread, {@code debswarm-node}, so
 * that the listeners' callers return at once and changes apply in order.
 * <p>
 * References are static: a new store, registry or peer-wire engine restarts the glue, which re-announces.
 * Without a {@link SwarmControl} service it runs {@link DetachedSwarmControl}.
 */
@Component(service = {PackagesIndexListener.class, TorrentRegistryListener.class, TorrentActions.class,
        NodeWarnings.class},
        immediate = true, configurationPid = NodeSwarmConfiguration.PID)
@Designate(ocd = NodeSwarmConfiguration.class)
public final class NodeSwarm implements PackagesIndexListener, TorrentRegistryListener, TorrentActions,
        NodeWarnings {

    static final String HOME_PROPERTY = "debswarm.home";
    /** Under the home folder: the torrents an administrator stopped or forgot. */
    static final String HELD_FILE = "node/held-torrents";
    /** Under the home folder: where the .torrent files of forgotten standard torrents go. */
    static final String FORGOTTEN_FOLDER = "forgotten-torrents";

    private static final Logger LOG = LoggerFactory.getLogger(NodeSwarm.class);
    private static final Duration THREAD_WAIT = Duration.ofSeconds(5);

    private final TorrentFactory factory;
    private final TorrentRegistry registry;
    private final Duration stopDeadline;
    private final ExecutorService node;
    /** Allocates and checks the pieces of standard torrents, so that the node thread never waits for a disk. */
    private final ExecutorService checks;
    private final ScheduledExecutorService timer;
    private final TrackerHttp http;
    private final RunningTorrents running;
    private final PackagesRuns packages;
    private final StandardTorrents standard;
    private final NodeTorrentActions actions;
    private final TorrentFolder folder;
    private final Traps traps = new Traps();

    @Activate
    public NodeSwarm(NodeSwarmConfiguration config, BundleContext context,
                     @Reference(name = "factory") TorrentFactory factory,
                     @Reference(name = "registry") TorrentRegistry registry,
                     @Reference(name = "store", cardinality = ReferenceCardinality.OPTIONAL,
                             policyOption = ReferencePolicyOption.GREEDY) PieceStore store,
                     @Reference(name = "swarm", cardinality = ReferenceCardinality.OPTIONAL,
                             policyOption = ReferencePolicyOption.GREEDY) SwarmControl swarm) {
        this(config, torrentFolder(config, context), home(context), factory, registry, store,
                swarm == null ? new DetachedSwarmControl() : swarm, FrameworkState.stopping(context));
    }

    /** As a node in a framework that never stops (tests). */
    NodeSwarm(NodeSwarmConfiguration config, Path torrentFolder, Path home, TorrentFactory factory,
              TorrentRegistry registry, PieceStore store, SwarmControl swarm) {
        this(config, torrentFolder, home, factory, registry, store, swarm, () -> false);
    }

    /**
     * @param home the node's data folder: {@value #HELD_FILE} and {@value #FORGOTTEN_FOLDER} live there
     * @param frameworkStopping true once the framework stops: DS may then re-activate this node (its optional
     *     store or engine went first), and such a node must not announce {@code started} to trackers whose
     *     bundles are already gone
     */
    NodeSwarm(NodeSwarmConfiguration config, Path torrentFolder, Path home, TorrentFactory factory,
              TorrentRegistry registry, PieceStore store, SwarmControl swarm, BooleanSupplier frameworkStopping) {
        NodeSettings.check(config);
        this.factory = factory;
        this.registry = registry;
        this.stopDeadline = Duration.ofSeconds(config.stopDeadline());
        Duration deadline = Duration.ofSeconds(config.announceDeadline());
        node = Executors.newSingleThreadExecutor(r -> new Thread(r, "debswarm-node"));
        checks = Executors.newSingleThreadExecutor(r -> new Thread(r, "debswarm-torrent-check"));
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "debswarm-tracker-timer"));
        http = new TrackerHttp(deadline.compareTo(Duration.ofSeconds(10)) < 0 ? deadline : Duration.ofSeconds(10));
        HttpTrackerClient client = new HttpTrackerClient(http, deadline,
                HttpTrackerClient.DEFAULT_MAX_RESPONSE_BYTES);
        Backoff backoff = new Backoff(Backoff.INITIAL, Backoff.MAX, () -> ThreadLocalRandom.current().nextDouble());
        Announcements announcements = new Announcements(client,
                (task, delay) -> timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS), backoff,
                new TrackerWatch(traps, swarm::peersSeenByDiscovery), frameworkStopping);
        running = new RunningTorrents(swarm, announcements, config.peerPort(), config.numwant());
        HeldTorrents held = HeldTorrents.load(home.resolve(HELD_FILE));
        KnownTorrents known = new KnownTorrents();
        List<List<URI>> trackers = TrackerUrls.configured(config.trackers());
        swarm.listenAddress().ifPresent(address -> Reachability.warnings(trackers, address).forEach(traps::raise));
        packages = new PackagesRuns(registry, store, running, trackers, held, known);
        standard = new StandardTorrents(node, checks, config.maxTorrentBytes(), factory, store, running, held, known,
                home.resolve(FORGOTTEN_FOLDER));
        actions = new NodeTorrentActions(node, known, packages, standard);
        if (running.startContent(trackers) && store != null) {
            submit(() -> StoredOffers.offerAll(store, swarm));
        }
        folder = config.watchTorrentFolder() ? new TorrentFolder(torrentFolder, standard) : null;
        if (folder != null) {
            folder.start();
        }
        LOG.debug("Node swarm active: trackers {}, engine {}", config.trackers(), swarm.getClass().getSimpleName());
    }

    static Path torrentFolder(NodeSwarmConfiguration config, BundleContext context) {
        return config.torrentFolder().isBlank() ? home(context).resolve("torrents") : Path.of(config.torrentFolder());
    }

    static Path home(BundleContext context) {
        String home = context.getProperty(HOME_PROPERTY);
        return Path.of(home == null || home.isBlank() ? "./data" : home);
    }

    @Override
    public void packagesIndexed(PackagesIndex index) {
        submit(() -> indexed(index));
    }

    @Override
    public void torrentChanged(PackagesTorrent torrent, TorrentStatus status) {
        submit(() -> changed(torrent, status));
    }

    private void indexed(PackagesIndex index) {
        List<PackagesTorrent> current = registry.update(IndexTorrents.of(factory, index));
        LOG.debug("{}/{}: {} torrents current", index.host(), index.path(), current.size());
        packages.indexed(index, current);
    }

    private void changed(PackagesTorrent torrent, TorrentStatus status) {
        packages.changed(torrent, status);
    }

    @Override
    public List<NodeTorrent> torrents() {
        return actions.torrents();
    }

    @Override
    public Optional<NodeTorrent> torrent(InfoHash infoHash) {
        return actions.torrent(infoHash);
    }

    @Override
    public CompletableFuture<NodeTorrent> stop(InfoHash infoHash) {
        return actions.stop(infoHash);
    }

    @Override
    public CompletableFuture<NodeTorrent> start(InfoHash infoHash) {
        return actions.start(infoHash);
    }

    @Override
    public CompletableFuture<NodeTorrent> forget(InfoHash infoHash) {
        return actions.forget(infoHash);
    }

    @Override
    public List<NodeWarning> current() {
        return traps.current();
    }

    private void submit(Runnable task) {
        try {
            node.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("Node swarm task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Node swarm stopping: event ignored");
        }
    }

    /**
     * Stops in this order: no more folder events; the node thread (actions still queued fail); every torrent, its
     * trackers told {@code stopped} (after any announce still under way, so a re-activated node leaves no stale
     * entry); then the threads of the tracker client. Nothing can start a torrent once {@code stopAll} began,
     * even a node thread that outlived its bounded wait.
     */
    @Deactivate
    void deactivate() {
        if (folder != null) {
            folder.close(THREAD_WAIT);
        }
        Shutdown.now(checks, "Torrent check", THREAD_WAIT); // a check under way is interrupted, closes its storage
        node.shutdownNow().forEach(dropped -> { // the actions still queued fail
            if (dropped instanceof NodeTorrentActions.Task task) {
                task.cancel();
            }
        });
        Shutdown.now(node, "Node swarm", THREAD_WAIT);
        running.stopAll(stopDeadline);
        standard.closeAll();
        Shutdown.now(timer, "Tracker timer", THREAD_WAIT);
        http.close(THREAD_WAIT);
        LOG.debug("Node swarm stopped");
    }
}
