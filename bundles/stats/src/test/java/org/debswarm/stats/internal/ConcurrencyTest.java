package org.debswarm.stats.internal;

import static org.debswarm.stats.internal.StatsTestSupport.id;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.debswarm.stats.Figures;
import org.debswarm.stats.PeerFigures;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Many producers at once, with the writer flushing meanwhile: not one byte is lost, in memory or on disk. */
public class ConcurrencyTest {

    private static final int THREADS = 8;
    private static final int CALLS = 20_000;

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void concurrentRecordingLosesNothing() throws Exception {
        StatsTestSupport support = new StatsTestSupport(folder.getRoot().toPath());
        support.config.put("flushPeriod", 100); // the real writer thread runs during the test
        StatsComponent stats = support.activate();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                await(start);
                for (int i = 0; i < CALLS; i++) {
                    String torrent = id(1 + i % 4);
                    String peer = id(10 + (thread + i) % 16);
                    stats.peerDownloaded(torrent, peer, "client " + thread, 3);
                    stats.peerUploaded(torrent, peer, null, 2);
                    stats.mirrorDownloaded(i % 2 == 0 ? torrent : null, "mirror" + (i % 3) + ".example", 5);
                    stats.fileServed(torrent, 7, i % 2 == 0);
                }
            }, "producer-" + t));
        }
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
        long calls = (long) THREADS * CALLS;
        assertTotals(stats, calls);
        stats.deactivate();

        StatsComponent restarted = support.activate();
        assertTotals(restarted, calls);
        restarted.deactivate();
    }

    private static void assertTotals(StatsComponent stats, long calls) {
        Figures node = stats.node().figures();
        assertEquals(3 * calls, node.fromPeers());
        assertEquals(2 * calls, node.uploaded());
        assertEquals(5 * calls, node.fromMirrors());
        assertEquals(7 * calls, node.servedToApt());
        assertEquals(calls / 2, node.filesFromStore());
        assertEquals(calls / 2, node.filesFetched());
        assertEquals(3, node.fromMirrorHosts().size());
        long torrentPeers = stats.torrents().stream().mapToLong(t -> t.figures().fromPeers()).sum();
        long torrentMirrors = stats.torrents().stream().mapToLong(t -> t.figures().fromMirrors()).sum();
        assertEquals(3 * calls, torrentPeers);
        assertEquals(5 * calls / 2, torrentMirrors);
        long peerDown = stats.peerTotals().stream().mapToLong(PeerFigures::downloaded).sum();
        long peerUp = stats.peerTotals().stream().mapToLong(PeerFigures::uploaded).sum();
        assertEquals(3 * calls, peerDown);
        assertEquals(2 * calls, peerUp);
        assertEquals(16, stats.peerTotals().size());
        assertTrue(stats.peerTotals().stream().allMatch(p -> p.clientName().startsWith("client ")));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
