package org.debswarm.stats.internal;

import static org.debswarm.stats.internal.StatsTestSupport.id;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import javax.sql.DataSource;

import org.debswarm.stats.HistoryResolution;
import org.debswarm.stats.RatePoint;
import org.debswarm.stats.Rates;
import org.h2.util.OsgiDataSourceFactory;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.osgi.service.jdbc.DataSourceFactory;

/** The rate history: per minute for a day, per hour for thirty days; it rolls, stays bounded and persists. */
public class HistoryTest {

    private static final long MINUTE = 60_000;

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private StatsTestSupport support;

    @Before
    public void setUp() {
        support = new StatsTestSupport(folder.getRoot().toPath());
    }

    private static RatePoint last(List<RatePoint> points) {
        return points.get(points.size() - 1);
    }

    @Test
    public void bytesLandInTheCurrentMinuteAndHour() throws Exception {
        StatsComponent stats = support.activate();
        stats.peerDownloaded(id(1), id(2), null, 100);
        stats.mirrorDownloaded(id(1), "deb.debian.org", 20);
        stats.peerUploaded(id(1), id(2), null, 3);
        stats.flushNow();
        List<RatePoint> minutes = stats.history(HistoryResolution.MINUTE);
        assertEquals(1440, minutes.size());
        assertEquals(new RatePoint(Instant.parse("2026-11-25T12:00:00Z"), 100, 20, 3), last(minutes));
        assertEquals(new RatePoint(Instant.parse("2026-11-25T12:00:00Z"), 100, 20, 3),
                last(stats.history(HistoryResolution.HOUR)));

        support.clock.advance(MINUTE);
        stats.peerDownloaded(id(1), id(2), null, 7);
        stats.flushNow();
        minutes = stats.history(HistoryResolution.MINUTE);
        assertEquals(1440, minutes.size());
        assertEquals(new RatePoint(Instant.parse("2026-11-25T12:01:00Z"), 7, 0, 0), last(minutes));
        assertEquals(100, minutes.get(1438).fromPeers());
        assertEquals(107, last(stats.history(HistoryResolution.HOUR)).fromPeers());
        stats.deactivate();
    }

    @Test
    public void historyRollsAndStaysBounded() throws Exception {
        StatsComponent stats = support.activate();
        stats.peerDownloaded(id(1), id(2), null, 1_000_000);
        stats.flushNow();
        // 32 days in 17-minute steps: every minute slot and every hour slot is reused at least once.
        for (int step = 0; step < 32 * 24 * 60 / 17; step++) {
            support.clock.advance(17 * MINUTE);
            stats.peerDownloaded(id(1), id(2), null, 1);
            stats.flushNow();
        }
        List<RatePoint> minutes = stats.history(HistoryResolution.MINUTE);
        List<RatePoint> hours = stats.history(HistoryResolution.HOUR);
        assertEquals(1440, minutes.size());
        assertEquals(720, hours.size());
        assertEquals("one step per 17 minutes over the last day", 1440 / 17,
                minutes.stream().mapToLong(RatePoint::fromPeers).sum(), 1);
        assertTrue("the first megabyte has left both histories",
                hours.stream().allMatch(p -> p.fromPeers() < 1_000_000));
        for (int i = 1; i < minutes.size(); i++) {
            assertEquals(MINUTE, minutes.get(i).start().toEpochMilli() - minutes.get(i - 1).start().toEpochMilli());
        }
        stats.deactivate();
        assertTrue("rows in stats_history", historyRows() <= 1440 + 720);
    }

    @Test
    public void historySurvivesARestartAndAGap() throws Exception {
        StatsComponent first = support.activate();
        first.mirrorDownloaded(null, "deb.debian.org", 5000);
        first.deactivate();

        support.clock.advance(3 * MINUTE); // the node was down for three minutes
        StatsComponent second = support.activate();
        second.flushNow(); // nothing moved: the restored totals must not count as new bytes
        List<RatePoint> minutes = second.history(HistoryResolution.MINUTE);
        assertEquals(5000, minutes.get(1436).fromMirrors());
        assertEquals(0, minutes.get(1437).fromMirrors());
        assertEquals(0, minutes.get(1439).fromMirrors());
        assertEquals(5000, minutes.stream().mapToLong(RatePoint::fromMirrors).sum());
        second.deactivate();
    }

    @Test
    public void ratesAreMeasuredOverTheLastWindow() throws Exception {
        StatsComponent stats = support.activate();
        stats.flushNow();
        stats.peerDownloaded(id(1), id(2), null, 20_000);
        support.clock.advance(RateMeter.WINDOW_MILLIS);
        stats.flushNow();
        assertEquals(new Rates(2000, 0, 0), stats.node().rates());
        assertEquals(new Rates(0, 0, 0), stats.torrent(id(1)).orElseThrow().rates()); // first sample of it
        support.clock.advance(RateMeter.WINDOW_MILLIS);
        stats.flushNow();
        assertEquals(Rates.ZERO, stats.node().rates());
        stats.deactivate();
    }

    private long historyRows() throws Exception {
        Properties properties = new Properties();
        properties.setProperty(DataSourceFactory.JDBC_URL,
                "jdbc:h2:" + support.home().resolve("db/stats").toAbsolutePath());
        DataSource dataSource = new OsgiDataSourceFactory(new org.h2.Driver()).createDataSource(properties);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM stats_history")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
