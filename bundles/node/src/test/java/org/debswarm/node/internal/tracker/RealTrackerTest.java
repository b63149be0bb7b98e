package org.debswarm.node.internal.tracker;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.bencode.ByteString;
import org.debswarm.tracker.PeerStats;
import org.debswarm.tracker.TorrentStats;
import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The tracker client against Debswarm's own tracker (real component, H2, servlet, Jetty). */
public class RealTrackerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String NAME = "deb.debian.org bookworm main binary-amd64";

    @Rule
    public final TemporaryFolder home = new TemporaryFolder();

    private final TrackerHttp http = new TrackerHttp(Duration.ofSeconds(5));
    private final HttpTrackerClient client = new HttpTrackerClient(http, Duration.ofSeconds(5), 65536);
    private final ManualScheduler scheduler = new ManualScheduler();
    private final Backoff backoff = new Backoff(Backoff.INITIAL, Backoff.MAX, () -> 0.0);
    private RealTracker tracker;

    @Before
    public void start() throws Exception {
        tracker = new RealTracker(home.getRoot().toPath());
    }

    @After
    public void stop() throws Exception {
        tracker.close();
        http.close();
    }

    private TrackerAnnouncer announcer(ByteString peerId, int port, long left,
                                       BlockingQueue<List<InetSocketAddress>> peers) {
        return announcer(tracker.announce(), peerId, port, left, peers);
    }

    private TrackerAnnouncer announcer(URI url, ByteString peerId, int port, long left,
                                       BlockingQueue<List<InetSocketAddress>> peers) {
        AnnounceRequest state = new AnnounceRequest(InfoHash.of(AnnounceQueryTest.HASH), peerId, port, 10, 20, left,
                AnnounceEvent.NONE, 50, NAME);
        return new TrackerAnnouncer(NAME, List.of(url), client, scheduler, backoff, () -> state,
                peers::add);
    }

    @Test
    public void aPeerOnIpv6ComesInPeers6() throws Exception {
        Assume.assumeTrue("IPv6 loopback", InetAddress.getByName("::1").isReachable(1000));
        URI ipv6 = tracker.announceIpv6();
        announcer(ipv6, PeerId.generate(new Random(3)), 7003, 0, new LinkedBlockingQueue<>()).start();
        assertNotNull(tracker.nextAnnounce(WAIT));
        BlockingQueue<List<InetSocketAddress>> peers = new LinkedBlockingQueue<>();
        announcer(PeerId.generate(new Random(4)), 7004, 100, peers).start();
        assertEquals(List.of(new InetSocketAddress("::1", 7003)), peers.poll(10, TimeUnit.SECONDS));
    }

    @Test
    public void twoNodesFindEachOtherAndTheTrackerRecordsNameLeftAndStop() throws Exception {
        ByteString first = PeerId.generate(new Random(1));
        BlockingQueue<List<InetSocketAddress>> firstPeers = new LinkedBlockingQueue<>();
        TrackerAnnouncer one = announcer(first, 7001, 0, firstPeers);
        one.start();
        assertEquals("started", tracker.nextAnnounce(WAIT).param("event"));
        assertEquals(List.of(), firstPeers.poll(10, TimeUnit.SECONDS));
        assertEquals("the tracker's interval (60 s)", Duration.ofSeconds(60), scheduler.next().delay());

        String hex = InfoHash.of(AnnounceQueryTest.HASH).toHex();
        TorrentStats torrent = tracker.stats().torrent(hex).orElseThrow();
        assertEquals(NAME, torrent.name());
        PeerStats peer = tracker.stats().peers(hex).get(0);
        assertEquals(first.toHex(), peer.peerId());
        assertEquals(0, peer.left());
        assertEquals(7001, peer.port());
        assertEquals(10, peer.uploaded());
        assertEquals("started", peer.event());

        BlockingQueue<List<InetSocketAddress>> secondPeers = new LinkedBlockingQueue<>();
        TrackerAnnouncer two = announcer(PeerId.generate(new Random(2)), 7002, 500, secondPeers);
        two.start();
        assertNotNull(tracker.nextAnnounce(WAIT));
        assertEquals("compact IPv4 from the real tracker", List.of(new InetSocketAddress("127.0.0.1", 7001)),
                secondPeers.poll(10, TimeUnit.SECONDS));
        assertEquals(1, tracker.stats().torrent(hex).orElseThrow().seeders());
        assertEquals(1, tracker.stats().torrent(hex).orElseThrow().leechers());

        one.stop().get(10, TimeUnit.SECONDS);
        Query stopped = tracker.nextAnnounce(WAIT);
        assertEquals("stopped", stopped.param("event"));
        assertArrayEquals(first.toByteArray(), stopped.bytes("peer_id"));
        assertEquals(1, tracker.stats().peers(hex).size());
        assertTrue(tracker.stats().peers(hex).get(0).port() == 7002);
    }
}
