package org.debswarm.tracker.internal;

import static org.debswarm.tracker.internal.TestSupport.announce;
import static org.debswarm.tracker.internal.TestSupport.id20;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.debswarm.tracker.TorrentStats;
import org.junit.Test;

/** What every database behind the tracker must do; run against H2 and, where installed, PostgreSQL. */
public abstract class StoreContract {

    private static final String HASH = Bytes.copyOf(id20(1)).hex();
    private static final long SETTLE_MILLIS = 10_000;

    protected final TestSupport.TestClock clock = new TestSupport.TestClock();

    /** A data source on an empty database, or on the same database as the previous call in this test. */
    protected abstract DataSource dataSource() throws Exception;

    private static TorrentRow torrent(String hash, String name, long completed, long up, long down) {
        return new TorrentRow(hash, name, 1, 2, completed, up, down, 1000);
    }

    @Test
    public void totalsSurviveClosingAndReopening() throws Exception {
        try (TrackerStore store = new TrackerStore(dataSource())) {
            Map<String, Tally> totals = store.write(List.of(torrent(HASH, "main", 1, 100, 200)), List.of());
            assertEquals(100, totals.get(HASH).uploaded);
        }
        try (TrackerStore store = new TrackerStore(dataSource())) {
            Map<String, Tally> totals = store.write(List.of(torrent(HASH, null, 2, 10, 20)), List.of());
            assertEquals(3, totals.get(HASH).completed);
            assertEquals(110, totals.get(HASH).uploaded);
            assertEquals(220, totals.get(HASH).downloaded);
        }
        try (TrackerStore store = new TrackerStore(dataSource())) {
            TorrentRow row = store.loadTorrents(0, 10).get(0);
            assertEquals(new TorrentRow(HASH, "main", 1, 2, 3, 110, 220, 1000), row);
        }
    }

    @Test
    public void totalsSaturateInTheDatabase() throws Exception {
        try (TrackerStore store = new TrackerStore(dataSource())) {
            store.write(List.of(torrent(HASH, null, 0, Long.MAX_VALUE - 5, 0)), List.of());
            Map<String, Tally> totals = store.write(List.of(torrent(HASH, null, 0, 10, 0)), List.of());
            assertEquals(Long.MAX_VALUE, totals.get(HASH).uploaded);
        }
    }

    @Test
    public void peersAreUpsertedAndDuplicatesInOneBatchKeepTheLatest() throws Exception {
        PeerRow first = new PeerRow(HASH, "aa".repeat(20), "10.0.0.1", 6881, 1, 2, 3, "stopped", 1000);
        PeerRow again = new PeerRow(HASH, "aa".repeat(20), "10.0.0.1", 6882, 4, 5, 6, "started", 2000);
        PeerRow v6 = new PeerRow(HASH, "bb".repeat(20), "2001:db8:0:0:0:0:0:1", 1, 0, 0, 0, "", 1500);
        try (TrackerStore store = new TrackerStore(dataSource())) {
            store.write(List.of(torrent(HASH, null, 0, 0, 0)), List.of(first, again, v6));
            assertEquals(List.of(again, v6), sorted(store.loadPeers(0)));
            store.write(List.of(), List.of(first));
            assertEquals(List.of(v6), store.loadPeers(0));
            assertEquals(1, store.purgePeers(1200));
            assertEquals(List.of(v6), store.loadPeers(0));
        }
    }

    private static List<PeerRow> sorted(List<PeerRow> rows) {
        return rows.stream().sorted((a, b) -> a.peerId().compareTo(b.peerId())).toList();
    }

    @Test
    public void trackerStateSurvivesARestart() throws Exception {
        TrackerSettings settings = TestSupport.settings();
        byte[] hash = id20(1);
        try (TrackerStore store = new TrackerStore(dataSource())) {
            TrackerEngine engine = new TrackerEngine(settings, clock);
            Flusher flusher = new Flusher(engine.swarms(), store, settings, clock, SETTLE_MILLIS);
            engine.announce(announce(hash, id20(2), 6881, 0, 0, 100) + "&event=started&name=main", "10.0.0.2");
            engine.announce(announce(hash, id20(2), 6881, 700, 300, 0) + "&event=completed", "10.0.0.2");
            engine.announce(announce(hash, id20(3), 6881, 0, 0, 5) + "&event=started", "2001:db8::3");
            flusher.run();
            engine.announce(announce(hash, id20(3), 6881, 0, 40, 5), "2001:db8::3");
            flusher.run();
        }
        clock.advanceSeconds(10);
        try (TrackerStore store = new TrackerStore(dataSource())) {
            TrackerEngine engine = new TrackerEngine(settings, clock);
            StatsView stats = new StatsView(engine.swarms());
            Flusher flusher = new Flusher(engine.swarms(), store, settings, clock, SETTLE_MILLIS);
            flusher.run();
            TorrentStats torrent = stats.torrent(HASH).orElseThrow();
            assertEquals(new TorrentStats(HASH, "main", 1, 1, 1, 700, 340, torrent.lastAnnounce()), torrent);
            assertEquals(2, stats.peers(HASH).size());
            // The restored peer's counters are the base: only the increment is added.
            engine.announce(announce(hash, id20(2), 6881, 900, 300, 0), "10.0.0.2");
            assertEquals(900, stats.torrent(HASH).orElseThrow().uploaded());
            flusher.run();
            assertEquals(900, store.loadTorrents(0, 10).get(0).uploaded());
        }
    }

    /**
     * A new peer whose announces moved no counter is written only once it has been live for the settle time, or
     * at deactivation; one replaced before that (here by the per-client limit of one peer) is never written.
     */
    @Test
    public void newPeersThatMoveNoCounterWaitAndChurnedOnesAreNeverWritten() throws Exception {
        TrackerSettings settings = TestSupport.settings();
        FloodLimits onePerClient = new FloodLimits(120, 1, FloodLimits.idleMillis(settings, 3), 1000, h -> true);
        try (TrackerStore store = new TrackerStore(dataSource())) {
            TrackerEngine engine = new TrackerEngine(settings, onePerClient, clock);
            Flusher flusher = new Flusher(engine.swarms(), store, settings, clock, SETTLE_MILLIS);
            flusher.run();
            engine.announce(announce(id20(1), id20(2), 6881, 500, 0, 10), "10.0.0.2");
            engine.announce(announce(id20(1), id20(3), 6881, 500, 0, 10), "10.0.0.2"); // replaces the first
            engine.announce(announce(id20(1), id20(4), 6881, 0, 0, 10) + "&event=started", "10.0.0.4");
            flusher.run();
            assertEquals("only the peer that started (its row goes with the counters)",
                    List.of(Bytes.copyOf(id20(4)).hex()), peerIds(store.loadPeers(0)));
            clock.advanceSeconds(10);
            flusher.run();
            assertEquals(2, store.loadPeers(0).size());
            engine.announce(announce(id20(1), id20(5), 6881, 0, 0, 10), "10.0.0.5");
            flusher.runLast();
            assertEquals(List.of(id20(3), id20(4), id20(5)).stream().map(id -> Bytes.copyOf(id).hex()).toList(),
                    peerIds(store.loadPeers(0)));
        }
    }

    private static List<String> peerIds(List<PeerRow> rows) {
        return rows.stream().map(PeerRow::peerId).map(String::trim).sorted().toList();
    }

    @Test
    public void stoppedPeersAreNotRestored() throws Exception {
        TrackerSettings settings = TestSupport.settings();
        try (TrackerStore store = new TrackerStore(dataSource())) {
            TrackerEngine engine = new TrackerEngine(settings, clock);
            engine.announce(announce(id20(1), id20(2), 6881, 0, 0, 0), "10.0.0.2");
            engine.announce(announce(id20(1), id20(2), 6881, 0, 0, 0) + "&event=stopped", "10.0.0.2");
            new Flusher(engine.swarms(), store, settings, clock, SETTLE_MILLIS).run();
        }
        try (TrackerStore store = new TrackerStore(dataSource())) {
            TrackerEngine engine = new TrackerEngine(settings, clock);
            new Flusher(engine.swarms(), store, settings, clock, SETTLE_MILLIS).run();
            assertEquals(0, new StatsView(engine.swarms()).torrent(HASH).orElseThrow().seeders());
        }
    }

    @Test
    public void aFailedWriteKeepsTheCountersForTheNext() throws Exception {
        TrackerSettings settings = TestSupport.settings();
        FailingDataSource failing = new FailingDataSource(dataSource());
        try (TrackerStore store = new TrackerStore(failing.dataSource())) {
            TrackerEngine engine = new TrackerEngine(settings, clock);
            Flusher flusher = new Flusher(engine.swarms(), store, settings, clock, SETTLE_MILLIS);
            flusher.run();
            engine.announce(announce(id20(1), id20(2), 6881, 0, 0, 0) + "&event=started", "10.0.0.2");
            engine.announce(announce(id20(1), id20(2), 6881, 50, 0, 0), "10.0.0.2");
            failing.failing = true;
            flusher.run();
            engine.announce(announce(id20(1), id20(2), 6881, 80, 0, 0), "10.0.0.2");
            assertEquals(80, new StatsView(engine.swarms()).torrent(HASH).orElseThrow().uploaded());
            failing.failing = false;
            flusher.run();
            assertEquals(80, store.loadTorrents(0, 10).get(0).uploaded());
            assertEquals(1, store.loadPeers(0).size());
            assertTrue(failing.failures > 0);
        }
    }

    /**
     * Two trackers on one database, each with the first announce of the same torrent: the second one's UPDATE
     * finds no row, the first inserts it and commits, and the second one's INSERT hits the primary key. That
     * write goes the way of a failed write and is made again in the same tick, as an update: the totals add up.
     */
    @Test
    public void twoTrackersInsertingTheSameNewTorrentAddUpTheirTotals() throws Exception {
        TrackerSettings settings = TestSupport.settings();
        byte[] hash = id20(1);
        TrackerEngine first = new TrackerEngine(settings, clock);
        TrackerEngine second = new TrackerEngine(settings, clock);
        first.announce(announce(hash, id20(2), 6881, 100, 10, 5) + "&event=started&name=main", "10.0.0.2");
        second.announce(announce(hash, id20(3), 6881, 0, 0, 5) + "&event=started", "10.0.0.3");
        second.announce(announce(hash, id20(3), 6881, 200, 20, 0) + "&event=completed", "10.0.0.3");
        try (TrackerStore firstStore = new TrackerStore(dataSource())) {
            Flusher firstWriter = new Flusher(first.swarms(), firstStore, settings, clock, SETTLE_MILLIS);
            BeforeStatement firstInsertsMeanwhile = new BeforeStatement(dataSource(), "INSERT INTO tracker_torrent",
                    firstWriter::run);
            try (TrackerStore secondStore = new TrackerStore(firstInsertsMeanwhile.dataSource())) {
                new Flusher(second.swarms(), secondStore, settings, clock, SETTLE_MILLIS).run();
                assertTrue("the first tracker wrote between the second's UPDATE and INSERT", firstInsertsMeanwhile.ran());
                TorrentStats shared = new StatsView(second.swarms()).torrent(HASH).orElseThrow();
                assertEquals("the retry in the same tick read back both trackers' totals",
                        List.of(1L, 300L, 30L), List.of(shared.completed(), shared.uploaded(), shared.downloaded()));
                assertEquals(new TorrentRow(HASH, "main", 1, 0, 1, 300, 30, clock.millis()),
                        secondStore.loadTorrents(0, 10).get(0));
                assertEquals(2, secondStore.loadPeers(0).size());
            }
        }
    }

    /**
     * Two trackers on one database write the first announces of the same 40 torrents, from the same peer, at the
     * same moment on two threads: whatever collides is written again, and every torrent holds both increments.
     */
    @Test
    public void twoTrackersWritingTheSameNewTorrentsAtOnceAddUpTheirTotals() throws Exception {
        TrackerSettings settings = TestSupport.settings();
        List<TrackerEngine> engines = List.of(new TrackerEngine(settings, clock), new TrackerEngine(settings, clock));
        List<TrackerStore> stores = new ArrayList<>();
        List<Flusher> writers = new ArrayList<>();
        for (TrackerEngine engine : engines) {
            stores.add(new TrackerStore(dataSource()));
            writers.add(new Flusher(engine.swarms(), stores.get(stores.size() - 1), settings, clock, SETTLE_MILLIS));
            writers.get(writers.size() - 1).run(); // connects and restores (nothing yet): the race is the writes
        }
        int torrents = 40;
        for (int t = 0; t < torrents; t++) {
            for (int e = 0; e < engines.size(); e++) {
                // each tracker hears of the torrents in another order, so its swarms become dirty in another order
                int torrent = e == 0 ? t : torrents - 1 - t;
                engines.get(e).announce(announce(id20(10 + torrent), id20(2), 6881, 1000 + e, 10 + e, 5)
                        + "&event=started", "10.0.0.2");
            }
        }
        ExecutorService threads = Executors.newFixedThreadPool(engines.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> writes = new ArrayList<>();
            for (Flusher writer : writers) {
                writes.add(threads.submit(() -> {
                    start.await();
                    writer.flush(Long.MAX_VALUE);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> write : writes) {
                write.get(60, TimeUnit.SECONDS);
            }
            List<TorrentRow> rows = stores.get(0).loadTorrents(0, 100);
            assertEquals(torrents, rows.size());
            for (TorrentRow row : rows) {
                assertEquals(row.infoHash(), List.of(2001L, 21L), List.of(row.uploaded(), row.downloaded()));
            }
            assertEquals("one row per peer and torrent", torrents, stores.get(1).loadPeers(0).size());
        } finally {
            threads.shutdownNow();
            assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
            for (TrackerStore store : stores) {
                store.close();
            }
        }
    }

    @Test
    public void anEmptyDatabaseRestoresNothing() throws Exception {
        try (TrackerStore store = new TrackerStore(dataSource())) {
            assertEquals(List.of(), store.loadTorrents(0, 10));
            assertEquals(List.of(), store.loadPeers(0));
            TrackerEngine engine = new TrackerEngine(TestSupport.settings(), clock);
            new Flusher(engine.swarms(), store, TestSupport.settings(), clock, SETTLE_MILLIS).run();
            assertNull(engine.swarms().get(Bytes.copyOf(id20(1))));
        }
    }

    /** Makes the database fail on demand: connecting, preparing and committing throw while {@code failing}. */
    static final class FailingDataSource {
        volatile boolean failing;
        volatile int failures;
        private final DataSource delegate;

        FailingDataSource(DataSource delegate) {
            this.delegate = delegate;
        }

        DataSource dataSource() {
            return proxy(DataSource.class, delegate, result -> result instanceof Connection c
                    ? proxy(Connection.class, c, same -> same) : result);
        }

        private <T> T proxy(Class<T> type, T target, UnaryOperator<Object> wrapResult) {
            return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                    (self, method, args) -> {
                        if (failing && FAILING.contains(method.getName())) {
                            failures++;
                            throw new SQLException("database unreachable (test)");
                        }
                        try {
                            return wrapResult.apply(method.invoke(target, args));
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }));
        }

        private static final Set<String> FAILING = Set.of("getConnection", "prepareStatement", "createStatement",
                "commit");
    }
}
