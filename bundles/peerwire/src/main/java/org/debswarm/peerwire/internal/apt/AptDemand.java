package org.debswarm.peerwire.internal.apt;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.debswarm.aptlistener.PackageSource;
import org.debswarm.governor.HttpGovernor;
import org.debswarm.peerwire.internal.node.SwarmControl;
import org.debswarm.stats.StatsRecorder;
import org.debswarm.storage.BeginResult;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileWrite;
import org.debswarm.storage.PieceStore;
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
 * Packages for apt from the swarm: when apt asks for a file a running Packages torrent holds and a connected
 * peer has, this node claims the store's write, asks the engine for the piece at top priority, and the apt
 * listener streams from the write as blocks arrive. When peers stall, the mirror fills the rest
 * ({@link PeerDownload}). When no connected peer has the file, it declines and the listener goes to the
 * mirror straight away. Present only while the peer-wire engine is.
 */
@Component(service = PackageSource.class, configurationPid = AptDemandConfiguration.PID)
@Designate(ocd = AptDemandConfiguration.class)
public final class AptDemand implements PackageSource {

    private static final Logger LOG = LoggerFactory.getLogger(AptDemand.class);
    private static final long STOP_WAIT_SECONDS = 5;

    private final TorrentRegistry registry;
    private final PieceStore store;
    private final SwarmControl swarm;
    private final HttpGovernor governor;
    private final Duration stall;
    private final Duration deadline;
    private final String scheme;
    private final ScheduledExecutorService timer;
    private final ExecutorService copier;
    private final Set<PeerDownload> running = ConcurrentHashMap.newKeySet();

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
        if (!config.mirrorScheme().equals("http") && !config.mirrorScheme().equals("https")) {
            throw new IllegalArgumentException("mirrorScheme " + config.mirrorScheme() + " (expected: http or https)");
        }
        this.registry = registry;
        this.store = store;
        this.swarm = swarm;
        this.governor = governor;
        this.stall = Duration.ofSeconds(config.stallSeconds());
        this.deadline = Duration.ofSeconds(config.deadlineSeconds());
        this.scheme = config.mirrorScheme();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "debswarm-apt-demand"));
        this.copier = Executors.newFixedThreadPool(2, r -> new Thread(r, "debswarm-apt-demand-fill"));
    }

    @Override
    public boolean offer(FileKey key) {
        Optional<PieceLocator.Located> located = PieceLocator.find(registry.torrents(), key);
        if (located.isEmpty()) {
            return false;
        }
        PieceLocator.Located at = located.get();
        if (swarm.peersWith(at.torrent().infoHash(), at.piece()) == 0) {
            return false; // no connected peer has it: the mirror straight away is faster than a stall
        }
        BeginResult begin;
        try {
            begin = store.begin(key);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Cannot claim {}/{}: {}", key.host(), key.path(), e.toString());
            return false;
        }
        if (begin.outcome() == BeginResult.Outcome.CREATED) {
            fetch(begin.write().orElseThrow(), at);
        }
        return true;
    }

    private void fetch(FileWrite write, PieceLocator.Located at) {
        String infoHash = at.torrent().infoHash().toHex();
        PeerDownload download = new PeerDownload(write, URI.create(scheme + "://" + write.key().host() + "/"
                + write.key().path()), governor, stall, deadline, timer, copier, bytes -> {
                    StatsRecorder recorder = stats;
                    if (recorder != null) {
                        recorder.mirrorDownloaded(infoHash, write.key().host(), bytes);
                    }
                });
        running.add(download);
        write.completion().whenComplete((file, failure) -> running.remove(download));
        swarm.want(at.torrent().infoHash(), at.piece());
        download.start();
        LOG.debug("{}/{} from peers of {}", write.key().host(), write.key().path(), at.torrent().name());
    }

    @Deactivate
    void deactivate() {
        running.forEach(PeerDownload::release);
        timer.shutdownNow();
        copier.shutdownNow();
        try {
            timer.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            copier.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
