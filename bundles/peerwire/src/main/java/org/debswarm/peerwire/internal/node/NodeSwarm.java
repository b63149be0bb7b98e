package org.debswarm.peerwire.internal.node;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.debswarm.aptlistener.PackagesIndex;
import org.debswarm.aptlistener.PackagesIndexListener;
import org.debswarm.peerwire.internal.tracker.Backoff;
import org.debswarm.peerwire.internal.tracker.HttpTrackerClient;
import org.debswarm.peerwire.internal.tracker.TrackerHttp;
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
 * torrents the registry drops are stopped; the .torrent files of the torrent folder run too. All of it on one
 * thread, {@code debswarm-node}, so that the listeners' callers return at once and changes apply in order.
 * <p>
 * References are static: a new store, registry or peer-wire engine restarts the glue, which re-announces.
 * Without a {@link SwarmControl} service it runs {@link DetachedSwarmControl}.
 */
@Component(service = {PackagesIndexListener.class, TorrentRegistryListener.class}, immediate = true,
        configurationPid = NodeSwarmConfiguration.PID)
@Designate(ocd = NodeSwarmConfiguration.class)
public final class NodeSwarm implements PackagesIndexListener, TorrentRegistryListener {

    static final String HOME_PROPERTY = "debswarm.home";

    private static final Logger LOG = LoggerFactory.getLogger(NodeSwarm.class);
    private static final Duration THREAD_WAIT = Duration.ofSeconds(5);

    private final TorrentFactory factory;
    private final TorrentRegistry registry;
    private final PieceStore store;
    private final List<List<URI>> trackers;
    private final Duration stopDeadline;
    private final ExecutorService node;
    private final ScheduledExecutorService timer;
    private final TrackerHttp http;
    private final RunningTorrents running;
    /** Where each torrent this component registered lives; touched only on the node thread. */
    private final Map<InfoHash, Origin> origins = new HashMap<>();
    private final StandardTorrents standard;
    private final TorrentFolder folder;

    @Activate
    public NodeSwarm(NodeSwarmConfiguration config, BundleContext context,
                     @Reference(name = "factory") TorrentFactory factory,
                     @Reference(name = "registry") TorrentRegistry registry,
                     @Reference(name = "store", cardinality = ReferenceCardinality.OPTIONAL,
                             policyOption = ReferencePolicyOption.GREEDY) PieceStore store,
                     @Reference(name = "swarm", cardinality = ReferenceCardinality.OPTIONAL,
                             policyOption = ReferencePolicyOption.GREEDY) SwarmControl swarm) {
        this(config, torrentFolder(config, context), factory, registry, store,
                swarm == null ? new DetachedSwarmControl() : swarm);
    }

    NodeSwarm(NodeSwarmConfiguration config, Path torrentFolder, TorrentFactory factory, TorrentRegistry registry,
              PieceStore store, SwarmControl swarm) {
        NodeSettings.check(config);
        this.factory = factory;
        this.registry = registry;
        this.store = store;
        this.trackers = TrackerUrls.configured(config.trackers());
        this.stopDeadline = Duration.ofSeconds(config.stopDeadline());
        Duration deadline = Duration.ofSeconds(config.announceDeadline());
        node = Executors.newSingleThreadExecutor(r -> new Thread(r, "debswarm-node"));
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "debswarm-tracker-timer"));
        http = new TrackerHttp(deadline.compareTo(Duration.ofSeconds(10)) < 0 ? deadline : Duration.ofSeconds(10));
        HttpTrackerClient client = new HttpTrackerClient(http, deadline,
                HttpTrackerClient.DEFAULT_MAX_RESPONSE_BYTES);
        Backoff backoff = new Backoff(Backoff.INITIAL, Backoff.MAX, () -> ThreadLocalRandom.current().nextDouble());
        Announcements announcements = new Announcements(client,
                (task, delay) -> timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS), backoff);
        running = new RunningTorrents(swarm, announcements, config.peerPort(), config.numwant());
        standard = new StandardTorrents(node, factory, store, running);
        folder = config.watchTorrentFolder() ? new TorrentFolder(torrentFolder, standard) : null;
        if (folder != null) {
            folder.start();
        }
        LOG.debug("Node swarm active: trackers {}, engine {}", trackers, swarm.getClass().getSimpleName());
    }

    static Path torrentFolder(NodeSwarmConfiguration config, BundleContext context) {
        if (!config.torrentFolder().isBlank()) {
            return Path.of(config.torrentFolder());
        }
        String home = context.getProperty(HOME_PROPERTY);
        return Path.of(home == null || home.isBlank() ? "./data" : home, "torrents");
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
        Origin origin = Origin.ofIndex(index.host(), index.path());
        current.forEach(torrent -> origins.put(torrent.infoHash(), origin));
        current.forEach(this::run);
    }

    private void changed(PackagesTorrent torrent, TorrentStatus status) {
        if (status == TorrentStatus.DROPPED) {
            origins.remove(torrent.infoHash());
            running.stop(torrent.infoHash());
            LOG.debug("{} dropped: session and announces stopped", torrent.name());
        } else if (registry.status(torrent.infoHash()) != TorrentStatus.DROPPED) {
            run(torrent); // CURRENT, or SUPERSEDED while it keeps seeding (a late listener's first news)
        }
    }

    private void run(PackagesTorrent torrent) {
        Origin origin = origins.get(torrent.infoHash());
        if (running.isRunning(torrent.infoHash()) || origin == null) {
            return; // without an origin it is not from an index this component heard: that index replays later
        }
        if (store != null) {
            int marked = torrent.markHad(new StoreContent(store));
            LOG.debug("{}: {} more pieces had in the store", torrent.name(), marked);
        }
        running.start(torrent, origin, trackers);
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

    @Deactivate
    void deactivate() {
        if (folder != null) {
            folder.close(THREAD_WAIT);
        }
        Threads.stop(node, THREAD_WAIT);
        running.stopAll(stopDeadline);
        standard.closeAll();
        Threads.stop(timer, THREAD_WAIT);
        http.close(THREAD_WAIT);
        LOG.debug("Node swarm stopped");
    }
}
