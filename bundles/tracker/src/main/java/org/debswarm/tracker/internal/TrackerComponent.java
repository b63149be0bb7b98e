package org.debswarm.tracker.internal;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.debswarm.commons.Shutdown;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.TorrentRegistry;
import org.debswarm.tracker.PeerStats;
import org.debswarm.tracker.TorrentStats;
import org.debswarm.tracker.TrackerStats;
import org.debswarm.tracker.TrackerTotals;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker: owns the swarms, the database and the two threads that write and expire. Offers
 * {@link TrackerStats} to anyone and {@link Tracker} to its servlets.
 */
@Component(service = {TrackerStats.class, Tracker.class}, configurationPid = TrackerConfiguration.PID)
@Designate(ocd = TrackerConfiguration.class)
public final class TrackerComponent implements TrackerStats, Tracker {

    private static final Logger LOG = LoggerFactory.getLogger(TrackerComponent.class);
    private static final long PURGE_PERIOD_SECONDS = 3600;
    /** Flush periods a new peer that moved no counter stays in memory only (see {@link Swarm#drain}). */
    static final int SETTLE_FLUSHES = 10;
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);
    private static final String STARTING = "tracker is starting and restoring its state; retry in a moment";

    private final TrackerEngine engine;
    private final StatsView stats;
    private final TrackerStore store;
    private final Flusher flusher;
    private final CompletableFuture<Void> restored;
    private final ScheduledExecutorService writer;
    private final ScheduledExecutorService expiry;

    /** For the allowlist mode {@code node}: the torrents this node derived from the indexes it serves. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TorrentRegistry registry;

    @Activate
    public TrackerComponent(TrackerConfiguration config, BundleContext context,
            @Reference(name = "dataSourceFactory", target = "(osgi.jdbc.driver.class=org.h2.Driver)")
            DataSourceFactory dataSourceFactory) throws SQLException {
        TrackerSettings settings = settings(config);
        Clock clock = Clock.systemUTC();
        engine = new TrackerEngine(settings, limits(config, settings, this::registered), clock);
        stats = new StatsView(engine.swarms());
        store = new TrackerStore(dataSourceFactory.createDataSource(jdbcProperties(config, context)));
        flusher = new Flusher(engine.swarms(), store, settings, clock, SETTLE_FLUSHES * (long) config.flushPeriod());
        restored = flusher.restored().toCompletableFuture();
        writer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "debswarm-tracker-writer"));
        expiry = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "debswarm-tracker-expiry"));
        // The first writer tick opens the database and restores the previous state, off the activating thread.
        writer.scheduleWithFixedDelay(flusher::run, 0, config.flushPeriod(), TimeUnit.MILLISECONDS);
        writer.scheduleWithFixedDelay(flusher::purge, PURGE_PERIOD_SECONDS, PURGE_PERIOD_SECONDS, TimeUnit.SECONDS);
        long sweep = Math.max(1, Math.min(60, settings.peerLifetimeMillis() / 10_000));
        expiry.scheduleWithFixedDelay(this::expire, sweep, sweep, TimeUnit.SECONDS);
        LOG.debug("Tracker active: interval {} s, flush every {} ms", settings.interval(), config.flushPeriod());
    }

    private void expire() {
        try {
            engine.expire();
        } catch (RuntimeException e) {
            // An escaping exception would silently cancel the periodic task: log it and keep sweeping.
            LOG.error("Expiring tracker peers failed", e);
        }
    }

    static TrackerSettings settings(TrackerConfiguration config) {
        if (config.flushPeriod() < 10) {
            throw new IllegalArgumentException("flushPeriod " + config.flushPeriod() + " (expected: >= 10 ms)");
        }
        return new TrackerSettings(config.interval(), config.minInterval(), config.expiryMargin(),
                config.numwantDefault(), config.numwantMax(), config.trustIpParam(), config.maxTorrents(),
                config.maxPeers(), config.retention(), config.fullScrape());
    }

    static FloodLimits limits(TrackerConfiguration config, TrackerSettings settings, Predicate<Bytes> registered) {
        Set<Bytes> listed = new HashSet<>();
        for (String hex : config.allowedTorrents()) {
            Bytes infoHash = Bytes.fromHex(hex.strip(), 20);
            if (infoHash == null) {
                throw new IllegalArgumentException("allowedTorrents entry '" + hex + "' (expected: 40 hex digits)");
            }
            listed.add(infoHash);
        }
        Predicate<Bytes> allowed = switch (config.allowlist().strip().toLowerCase(Locale.ROOT)) {
            case "open" -> hash -> true;
            case "list" -> listed::contains;
            case "node" -> hash -> listed.contains(hash) || registered.test(hash);
            default -> throw new IllegalArgumentException("allowlist '" + config.allowlist()
                    + "' (expected: open, list or node)");
        };
        return new FloodLimits(config.newTorrentsPerMinute(), config.peersPerClient(),
                FloodLimits.idleMillis(settings, config.idleIntervals()), FloodLimits.DEFAULT_MAX_CLIENTS, allowed);
    }

    private boolean registered(Bytes infoHash) {
        TorrentRegistry r = registry;
        return r != null && r.find(InfoHash.fromHex(infoHash.hex())).isPresent();
    }

    private static Properties jdbcProperties(TrackerConfiguration config, BundleContext context) {
        Properties properties = new Properties();
        String url = config.jdbcUrl();
        if (url.isBlank()) {
            String home = Optional.ofNullable(context.getProperty("debswarm.home")).orElse("./data");
            // H2 must not close the database from its own shutdown hook before the final flush.
            url = "jdbc:h2:" + Path.of(home, "db", "tracker").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        }
        properties.setProperty(DataSourceFactory.JDBC_URL, url);
        if (!config.jdbcUser().isEmpty()) {
            properties.setProperty(DataSourceFactory.JDBC_USER, config.jdbcUser());
        }
        if (!config._jdbcPassword().isEmpty()) {
            properties.setProperty(DataSourceFactory.JDBC_PASSWORD, config._jdbcPassword());
        }
        return properties;
    }

    @Deactivate
    void deactivate() {
        Shutdown.now(expiry, "Tracker expiry", SHUTDOWN_WAIT);
        // A write in progress finishes; the periodic ticks are cancelled.
        if (Shutdown.orderly(writer, "Tracker writer", SHUTDOWN_WAIT)) {
            flusher.runLast(); // the last changes, on this thread now that the writer is gone
        } else {
            LOG.warn("The tracker's last changes were not written");
        }
        closeStore();
        LOG.debug("Tracker stopped");
    }

    private void closeStore() {
        try {
            store.close();
        } catch (SQLException e) {
            LOG.warn("Closing the tracker database failed", e);
        }
    }

    @Override
    public byte[] announce(String rawQuery, String remoteAddr) {
        return ready() ? engine.announce(rawQuery, remoteAddr) : Responses.failure(STARTING);
    }

    @Override
    public byte[] scrape(String rawQuery) {
        return ready() ? engine.scrape(rawQuery) : Responses.failure(STARTING);
    }

    @Override
    public boolean ready() {
        return restored.isDone();
    }

    /** Completes once the previous run's state is back and announces are taken (for tests and tools). */
    public CompletableFuture<Void> whenReady() {
        return restored.copy();
    }

    @Override
    public TrackerTotals totals() {
        return stats.totals();
    }

    @Override
    public List<TorrentStats> torrents() {
        return stats.torrents();
    }

    @Override
    public Optional<TorrentStats> torrent(String infoHashHex) {
        return stats.torrent(infoHashHex);
    }

    @Override
    public List<PeerStats> peers(String infoHashHex) {
        return stats.peers(infoHashHex);
    }
}
