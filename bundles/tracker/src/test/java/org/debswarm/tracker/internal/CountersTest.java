package org.debswarm.tracker.internal;

import static org.debswarm.tracker.internal.TestSupport.announce;
import static org.debswarm.tracker.internal.TestSupport.id20;
import static org.junit.Assert.assertEquals;

import org.debswarm.tracker.TorrentStats;
import org.junit.Test;

/** How reported counters add up into the torrent's totals. */
public class CountersTest {

    private static final byte[] HASH = id20(1);
    private static final byte[] PEER = id20(2);

    private final TrackerEngine engine = new TrackerEngine(TestSupport.settings(), new TestSupport.TestClock());

    private void report(long up, long down, long left, String event) {
        String query = announce(HASH, PEER, 6881, up, down, left) + (event == null ? "" : "&event=" + event);
        engine.announce(query, "10.0.0.1");
    }

    private TorrentStats torrent() {
        return new StatsView(engine.swarms()).torrent(Bytes.copyOf(HASH).hex()).orElseThrow();
    }

    @Test
    public void addsTheIncrementsOfOneSession() {
        report(0, 0, 100, "started");
        report(100, 50, 50, null);
        report(300, 80, 20, null);
        assertEquals(300, torrent().uploaded());
        assertEquals(80, torrent().downloaded());
    }

    @Test
    public void countsFromZeroWhenTheFirstAnnounceIsStarted() {
        report(40, 30, 100, "started");
        assertEquals(40, torrent().uploaded());
        assertEquals(30, torrent().downloaded());
    }

    @Test
    public void lowerCountersStartANewBase() {
        report(0, 0, 100, "started");
        report(300, 200, 100, null);
        report(20, 10, 100, null); // the client restarted without telling
        report(50, 10, 100, null);
        assertEquals(350, torrent().uploaded());
        assertEquals(210, torrent().downloaded());
    }

    @Test
    public void startedAgainCountsFromZero() {
        report(0, 0, 100, "started");
        report(300, 200, 100, null);
        report(500, 400, 100, "started");
        assertEquals(800, torrent().uploaded());
        assertEquals(600, torrent().downloaded());
    }

    @Test
    public void aPeerFirstSeenMidSessionGivesOnlyABase() {
        report(1000, 2000, 100, null);
        assertEquals(0, torrent().uploaded());
        report(1500, 2100, 100, null);
        assertEquals(500, torrent().uploaded());
        assertEquals(100, torrent().downloaded());
    }

    @Test
    public void stoppedAddsTheLastIncrement() {
        report(0, 0, 100, "started");
        report(70, 60, 0, "stopped");
        assertEquals(70, torrent().uploaded());
        assertEquals(60, torrent().downloaded());
        assertEquals(0, torrent().leechers());
    }

    @Test
    public void completedCountsOncePerPeer() {
        report(0, 0, 100, "started");
        report(0, 100, 0, "completed");
        report(0, 100, 0, "completed");
        assertEquals(1, torrent().completed());
        assertEquals(1, torrent().seeders());
        engine.announce(announce(HASH, id20(3), 1, 0, 0, 0) + "&event=completed", "10.0.0.3");
        assertEquals(2, torrent().completed());
    }

    @Test
    public void totalsSaturateInsteadOfWrapping() {
        report(0, 0, 100, "started");
        report(Long.MAX_VALUE, 0, 100, null);
        engine.announce(announce(HASH, id20(3), 1, 0, 0, 0) + "&event=started", "10.0.0.3");
        engine.announce(announce(HASH, id20(3), 1, 5, 0, 0), "10.0.0.3");
        assertEquals(Long.MAX_VALUE, torrent().uploaded());
    }
}
