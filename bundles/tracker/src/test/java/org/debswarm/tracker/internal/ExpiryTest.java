package org.debswarm.tracker.internal;

import static org.debswarm.tracker.internal.TestSupport.announce;
import static org.debswarm.tracker.internal.TestSupport.bytes;
import static org.debswarm.tracker.internal.TestSupport.dict;
import static org.debswarm.tracker.internal.TestSupport.id20;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import org.junit.Test;

/** Peers expire after interval (60 s) plus margin (30 s); idle swarms leave memory after the retention. */
public class ExpiryTest {

    private static final byte[] HASH = id20(1);

    private final TestSupport.TestClock clock = new TestSupport.TestClock();
    private final TrackerEngine engine = new TrackerEngine(TestSupport.settings(), clock);
    private final StatsView stats = new StatsView(engine.swarms());

    @Test
    public void silentPeersExpireAfterIntervalPlusMargin() throws Exception {
        engine.announce(announce(HASH, 1, "10.0.0.1", 0), "x");
        clock.advanceSeconds(60);
        engine.announce(announce(HASH, 2, "10.0.0.2", 10), "x");
        clock.advanceSeconds(30);
        assertEquals(0, engine.expire());
        clock.advanceSeconds(1);
        assertEquals(1, engine.expire());
        assertEquals(0, stats.totals().seeders());
        assertEquals(1, stats.totals().leechers());
        assertEquals(1, engine.swarms().livePeers());
        byte[] peers = bytes(dict(engine.announce(announce(HASH, 3, "10.0.0.3", 10), "x")), "peers");
        assertArrayEquals(new byte[] {10, 0, 0, 2, 0x1a, (byte) 0xe1}, peers);
    }

    @Test
    public void announcingKeepsAPeerAlive() {
        engine.announce(announce(HASH, 1, "10.0.0.1", 0), "x");
        for (int i = 0; i < 5; i++) {
            clock.advanceSeconds(60);
            engine.announce(announce(HASH, 1, "10.0.0.1", 0), "x");
            assertEquals(0, engine.expire());
        }
        assertEquals(1, stats.totals().seeders());
    }

    @Test
    public void idleSwarmsLeaveMemoryOnlyOnceWritten() throws Exception {
        engine.announce(announce(HASH, 1, "10.0.0.1", 0), "x");
        clock.advanceSeconds(3700);
        engine.expire();
        assertNotNull("still dirty: not yet written", engine.swarms().get(Bytes.copyOf(HASH)));
        for (Swarm.Drained drained : engine.swarms().drainDirty()) {
            drained.swarm().flushed(new Tally());
        }
        engine.expire();
        assertNull(engine.swarms().get(Bytes.copyOf(HASH)));
        assertEquals(0, stats.totals().torrents());
        engine.announce(announce(HASH, 1, "10.0.0.1", 0), "x");
        assertEquals(1, stats.totals().seeders());
    }
}
