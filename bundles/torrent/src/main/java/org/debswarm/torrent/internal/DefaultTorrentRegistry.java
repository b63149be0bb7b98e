package org.debswarm.torrent.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.debswarm.commons.Shutdown;
import org.debswarm.torrent.ContentLookup;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.PackagesTorrents;
import org.debswarm.torrent.SourceIndex;
import org.debswarm.torrent.TorrentRegistry;
import org.debswarm.torrent.TorrentPiece;
import org.debswarm.torrent.TorrentRegistryListener;
import org.debswarm.torrent.TorrentStatus;
import org.debswarm.torrent.bencode.ByteString;
import org.debswarm.commons.Whiteboard;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TorrentRegistry} service. One named thread, owned by the component, runs the drops of superseded
 * torrents at their time (scheduled, never polled) and tells the listeners, in the order of the changes.
 */
@Component(service = TorrentRegistry.class, configurationPid = DefaultTorrentRegistry.PID)
@Designate(ocd = TorrentRegistryConfiguration.class)
public final class DefaultTorrentRegistry implements TorrentRegistry {

    static final String PID = "org.debswarm.torrent";

    private static final Logger LOG = LoggerFactory.getLogger(DefaultTorrentRegistry.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final Object lock = new Object();
    private final Map<InfoHash, RegisteredTorrent> byHash = new HashMap<>();
    private final Map<SourceIndex, List<InfoHash>> bySource = new HashMap<>();
    /** Bound without being obtained: the node swarm, a listener, references this registry. */
    private final Whiteboard<TorrentRegistryListener> listeners = new Whiteboard<>();
    private final ScheduledExecutorService thread;
    private final RegistryNotices notices;
    // @Modified may change it while torrents are registered, which a re-activation would forget
    private volatile Duration retention;
    private volatile ContentLookup contentLookup;

    @Activate
    public DefaultTorrentRegistry(TorrentRegistryConfiguration config) {
        this(retention(config));
    }

    DefaultTorrentRegistry(Duration retention) {
        this.retention = retention;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "debswarm-torrent-registry"));
        this.notices = new RegistryNotices(thread);
        LOG.debug("Torrent registry started, superseded torrents kept for {}", retention);
    }

    @Modified
    void modified(TorrentRegistryConfiguration config) {
        retention = retention(config);
        LOG.debug("Superseded torrents now kept for {} (torrents already superseded keep their drop time)",
                retention);
    }

    static Duration retention(TorrentRegistryConfiguration config) {
        try {
            Duration d = Duration.parse(config.supersededRetention());
            if (!d.isNegative()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new IllegalArgumentException("supersededRetention " + config.supersededRetention()
                + " (expected: a non-negative ISO-8601 duration such as P2D or PT12H)");
    }

    @Deactivate
    void deactivate() {
        Shutdown.now(thread, "Torrent registry", SHUTDOWN_WAIT);
        LOG.debug("Torrent registry stopped");
    }

    /** A new listener hears the current state first, on the registry's thread, where it is obtained. */
    @Reference(name = "listener", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindListener(ComponentServiceObjects<TorrentRegistryListener> listener) {
        synchronized (lock) {
            replayTo(listeners.add(listener));
        }
    }

    void unbindListener(ComponentServiceObjects<TorrentRegistryListener> listener) {
        listeners.remove(listener);
    }

    /** {@link #bindListener} outside a framework (tests). */
    void addListener(TorrentRegistryListener listener) {
        synchronized (lock) {
            replayTo(listeners.add(listener));
        }
    }

    void removeListener(TorrentRegistryListener listener) {
        listeners.remove(listener);
    }

    private void replayTo(Whiteboard.Listener<TorrentRegistryListener> listener) {
        Map<PackagesTorrent, TorrentStatus> now = new LinkedHashMap<>();
        byHash.values().forEach(r -> now.put(r.torrent, r.status()));
        notices.replay(listener, now);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setContentLookup(ContentLookup lookup) {
        contentLookup = lookup;
    }

    void unsetContentLookup(ContentLookup lookup) {
        if (contentLookup == lookup) {
            contentLookup = null;
        }
    }

    @Override
    public List<PackagesTorrent> update(PackagesTorrents torrents) {
        List<PackagesTorrent> fresh = new ArrayList<>(2);
        for (PackagesTorrent t : List.of(torrents.architecture(), torrents.all())) {
            if (t.pieceCount() > 0) {
                fresh.add(t);
            }
        }
        HadContent.markNew(fresh, torrents(), contentLookup);
        Map<InfoHash, ContentIndex> indexes = new HashMap<>();
        for (PackagesTorrent t : fresh) {
            if (find(t.infoHash()).isEmpty()) {
                indexes.put(t.infoHash(), new ContentIndex(t)); // built before the lock: readers never wait for it
            }
        }
        synchronized (lock) {
            RegistryNotices.Batch batch = notices.batch();
            List<PackagesTorrent> current = new ArrayList<>(fresh.size());
            List<InfoHash> hashes = new ArrayList<>(fresh.size());
            for (PackagesTorrent t : fresh) {
                RegisteredTorrent r = register(t, torrents.source(), indexes.get(t.infoHash()), batch);
                current.add(r.torrent);
                hashes.add(t.infoHash());
            }
            release(torrents.source(), bySource.put(torrents.source(), hashes), hashes, batch);
            batch.send(listeners.listeners());
            return current;
        }
    }

    @Override
    public void remove(SourceIndex source) {
        synchronized (lock) {
            RegistryNotices.Batch batch = notices.batch();
            release(source, bySource.remove(source), List.of(), batch);
            batch.send(listeners.listeners());
        }
    }

    private RegisteredTorrent register(PackagesTorrent t, SourceIndex source, ContentIndex index,
                                       RegistryNotices.Batch batch) {
        RegisteredTorrent r = byHash.get(t.infoHash());
        if (r == null) {
            r = new RegisteredTorrent(t, index != null ? index : new ContentIndex(t));
            byHash.put(t.infoHash(), r);
            batch.add(r.torrent, TorrentStatus.CURRENT);
        } else if (r.sources.isEmpty()) {
            r.restore();
            batch.add(r.torrent, TorrentStatus.CURRENT);
        }
        r.sources.add(source);
        return r;
    }

    private void release(SourceIndex source, List<InfoHash> previous, List<InfoHash> kept,
                         RegistryNotices.Batch batch) {
        if (previous == null) {
            return;
        }
        for (InfoHash hash : previous) {
            RegisteredTorrent r = byHash.get(hash);
            if (!kept.contains(hash) && r.sources.remove(source) && r.sources.isEmpty()) {
                supersede(hash, r);
                batch.add(r.torrent, TorrentStatus.SUPERSEDED);
            }
        }
    }

    private void supersede(InfoHash hash, RegisteredTorrent r) {
        Duration keep = retention;
        r.dropTime = Instant.now().plus(keep);
        r.expiry = thread.schedule(() -> drop(hash, r), keep.toMillis(), TimeUnit.MILLISECONDS);
        LOG.debug("{} superseded, dropped at {}", r.torrent.name(), r.dropTime);
    }

    private void drop(InfoHash hash, RegisteredTorrent r) {
        synchronized (lock) {
            if (byHash.get(hash) != r || !r.sources.isEmpty()) {
                return; // became current again after this drop was scheduled
            }
            byHash.remove(hash);
            RegistryNotices.Batch batch = notices.batch();
            batch.add(r.torrent, TorrentStatus.DROPPED);
            batch.send(listeners.listeners());
            LOG.debug("{} dropped", r.torrent.name());
        }
    }

    @Override
    public Optional<PackagesTorrent> find(InfoHash infoHash) {
        synchronized (lock) {
            RegisteredTorrent r = byHash.get(infoHash);
            return r == null ? Optional.empty() : Optional.of(r.torrent);
        }
    }

    @Override
    public List<PackagesTorrent> current(SourceIndex source) {
        synchronized (lock) {
            List<PackagesTorrent> current = new ArrayList<>();
            bySource.getOrDefault(source, List.of()).forEach(h -> current.add(byHash.get(h).torrent));
            return current;
        }
    }

    @Override
    public List<PackagesTorrent> torrents() {
        synchronized (lock) {
            List<PackagesTorrent> all = new ArrayList<>(byHash.size());
            byHash.values().forEach(r -> all.add(r.torrent));
            return all;
        }
    }

    @Override
    public List<TorrentPiece> pieces(ByteString sha256) {
        List<TorrentPiece> found = new ArrayList<>(1);
        synchronized (lock) {
            byHash.values().forEach(r -> r.content.find(sha256, found));
        }
        return found;
    }

    @Override
    public TorrentStatus status(InfoHash infoHash) {
        synchronized (lock) {
            RegisteredTorrent r = byHash.get(infoHash);
            return r == null ? TorrentStatus.DROPPED : r.status();
        }
    }

    @Override
    public Optional<Instant> dropTime(InfoHash infoHash) {
        synchronized (lock) {
            RegisteredTorrent r = byHash.get(infoHash);
            return r == null ? Optional.empty() : Optional.ofNullable(r.dropTime);
        }
    }
}
