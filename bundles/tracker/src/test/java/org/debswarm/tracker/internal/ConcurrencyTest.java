package org.debswarm.tracker.internal;

import static org.debswarm.tracker.internal.TestSupport.announce;
import static org.debswarm.tracker.internal.TestSupport.id20;
import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

/** Announces, expiry and writes racing on the same swarms leave consistent counts. */
public class ConcurrencyTest {

    @Test
    public void countsStayConsistentUnderConcurrentAnnounces() throws Exception {
        TestSupport.TestClock clock = new TestSupport.TestClock();
        TrackerEngine engine = new TrackerEngine(TestSupport.settings(), clock);
        StatsView stats = new StatsView(engine.swarms());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        byte[] hash = id20(i % 3);
                        String ip = "10." + thread + "." + (i / 250) + "." + (i % 250);
                        engine.announce(announce(hash, i, ip, i % 2) + "&event=started", "x");
                        engine.announce(announce(hash, i, ip, 0) + "&event=completed", "x");
                        engine.swarms().drainDirty();
                        engine.expire();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2000, stats.totals().seeders());
        assertEquals(0, stats.totals().leechers());
        assertEquals(2000, engine.swarms().livePeers());
        clock.advanceSeconds(100);
        assertEquals(2000, engine.expire());
        assertEquals(0, engine.swarms().livePeers());
        assertEquals(0, stats.totals().seeders());
    }
}
