package org.debswarm.stats.internal;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.debswarm.commons.Shutdown;
import org.debswarm.stats.HistoryResolution;
import org.debswarm.stats.NodeFigures;
import org.debswarm.stats.PeerFigures;
import org.debswarm.stats.RatePoint;
import org.debswarm.stats.StatsRecorder;
import org.debswarm.stats.StatsView;
import org.debswarm.stats.TorrentFigures;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The statistics: offers {@link StatsRecorder} to producers and {@link StatsView} to readers, owns the
 * database and the thread {@value #WRITER} that writes the figures every flush period.
 *
 * <p>The previous figures are loaded on the activating thread, from a local H2 file (no network): counters
 * then start from their stored values, so nothing recorded right after activation can be lost or counted
 * on a zero base.
 */
@Component(service = {StatsRecorder.class, StatsView.class}, configurationPid = StatsConfiguration.PID)
@Designate(ocd = StatsConfiguration.class)
public final class StatsComponent implements StatsRecorder, StatsView {

    static final String WRITER = "debswarm-stats-writer";
    private static final Logger LOG = LoggerFactory.getLogger(StatsComponent.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    private final StatsDatabase database;
    private final Ledger ledger;
    private final LedgerView view;
    private final Flusher flusher;
    private final ScheduledExecutorService writer;

    @Activate
    public StatsComponent(StatsConfiguration config, BundleContext context,
            @Reference(name = "dataSourceFactory", target = "(osgi.jdbc.driver.class=org.h2.Driver)")
            DataSourceFactory dataSourceFactory) throws SQLException {
        this(config, context, dataSourceFactory, Clock.systemUTC());
    }

    StatsComponent(StatsConfiguration config, BundleContext context, DataSourceFactory dataSourceFactory,
            Clock clock) throws SQLException {
        if (config.flushPeriod() < 100 || config.retentionDays() < 1) {
            throw new IllegalArgumentException("flushPeriod " + config.flushPeriod() + ", retentionDays "
                    + config.retentionDays() + " (expected: >= 100 ms, >= 1 day)");
        }
        database = new StatsDatabase(dataSourceFactory.createDataSource(jdbcProperties(context)));
        RateHistory history = new RateHistory();
        RateMeter nodeMeter = new RateMeter();
        try {
            ledger = database.load(clock, history);
        } catch (SQLException | RuntimeException e) {
            database.close();
            throw e;
        }
        view = new LedgerView(ledger, history, nodeMeter, clock);
        flusher = new Flusher(ledger, history, nodeMeter, database, clock,
                TimeUnit.DAYS.toMillis(config.retentionDays()));
        writer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, WRITER));
        writer.scheduleWithFixedDelay(flusher::run, config.flushPeriod(), config.flushPeriod(),
                TimeUnit.MILLISECONDS);
        LOG.debug("Statistics active: {} torrents restored, flush every {} ms", ledger.torrents().size(),
                config.flushPeriod());
    }

    private static Properties jdbcProperties(BundleContext context) {
        String home = Optional.ofNullable(context.getProperty("debswarm.home")).orElse("./data");
        // H2 must not close the database from its own shutdown hook before the final flush.
        String url = "jdbc:h2:" + Path.of(home, "db", "stats").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        Properties properties = new Properties();
        properties.setProperty(DataSourceFactory.JDBC_URL, url);
        return properties;
    }

    @Deactivate
    void deactivate() {
        // A write in progress finishes; the periodic ticks are cancelled.
        if (Shutdown.orderly(writer, "Statistics writer", SHUTDOWN_WAIT)) {
            flusher.run(); // the last figures, on this thread now that the writer is gone
        } else {
            LOG.warn("The last statistics were not written");
        }
        closeDatabase();
        LOG.debug("Statistics stopped");
    }

    private void closeDatabase() {
        try {
            database.close();
        } catch (SQLException e) {
            LOG.warn("Closing the statistics database failed", e);
        }
    }

    /** One writer tick now, on the caller's thread (tests; the writer must not be running a tick). */
    void flushNow() {
        flusher.run();
    }

    // StatsRecorder: straight to the ledger, in memory.

    @Override
    public void peerConnected(String infoHash, String peerId, String clientName) {
        ledger.peerConnected(infoHash, peerId, clientName);
    }

    @Override
    public void peerDisconnected(String infoHash, String peerId) {
        ledger.peerDisconnected(infoHash, peerId);
    }

    @Override
    public void peerDownloaded(String infoHash, String peerId, String clientName, long bytes) {
        ledger.peerDownloaded(infoHash, peerId, clientName, bytes);
    }

    @Override
    public void peerUploaded(String infoHash, String peerId, String clientName, long bytes) {
        ledger.peerUploaded(infoHash, peerId, clientName, bytes);
    }

    @Override
    public void verificationFailed(String infoHash, String peerId) {
        ledger.verificationFailed(infoHash, peerId);
    }

    @Override
    public void banned(String infoHash, String peerId) {
        ledger.banned(infoHash, peerId);
    }

    @Override
    public void mirrorDownloaded(String infoHash, String mirrorHost, long bytes) {
        ledger.mirrorDownloaded(infoHash, mirrorHost, bytes);
    }

    @Override
    public void fileServed(String infoHash, long bytes, boolean fromStore) {
        ledger.fileServed(infoHash, bytes, fromStore);
    }

    @Override
    public void swarmCompletion(String infoHash, long bytesHeldBySwarm, long bytesWanted) {
        ledger.swarmCompletion(infoHash, bytesHeldBySwarm, bytesWanted);
    }

    @Override
    public void torrentNamed(String infoHash, String name) {
        ledger.torrentNamed(infoHash, name);
    }

    // StatsView: snapshots from memory.

    @Override
    public NodeFigures node() {
        return view.node();
    }

    @Override
    public List<TorrentFigures> torrents() {
        return view.torrents();
    }

    @Override
    public Optional<TorrentFigures> torrent(String infoHash) {
        return view.torrent(infoHash);
    }

    @Override
    public List<PeerFigures> peers(String infoHash) {
        return view.peers(infoHash);
    }

    @Override
    public List<PeerFigures> peerTotals() {
        return view.peerTotals();
    }

    @Override
    public List<RatePoint> history(HistoryResolution resolution) {
        return view.history(resolution);
    }
}
