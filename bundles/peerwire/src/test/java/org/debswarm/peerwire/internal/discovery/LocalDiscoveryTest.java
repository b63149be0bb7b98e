package org.debswarm.peerwire.internal.discovery;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.debswarm.torrent.InfoHash;
import org.junit.Test;

/** Discovery's logic with the multicast groups injected and a clock the test moves. */
public class LocalDiscoveryTest {

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    private final List<LsdAnnounce> sent = new ArrayList<>();
    private final List<String> found = new ArrayList<>();
    private final LocalDiscovery.Group group = new LocalDiscovery.Group() {
        @Override
        public String host() {
            return "239.192.152.143:6771";
        }

        @Override
        public void send(ByteBuffer datagram) {
            LsdAnnounce[] out = new LsdAnnounce[1];
            try {
                LsdCodec.decode(datagram, out);
            } catch (LsdException e) {
                throw new AssertionError(e);
            }
            sent.add(out[0]);
        }
    };
    private final LocalDiscovery discovery = new LocalDiscovery(List.of(group), 6881, "ours", (h, p) -> found.add(
            h.toHex().substring(0, 2) + "@" + p.getAddress().getHostAddress() + ":" + p.getPort()),
            new SourceLimits());
    private long now = 1_000 * MINUTE;

    private static InfoHash hash(int i) {
        byte[] b = new byte[20];
        b[0] = (byte) i;
        return InfoHash.of(b);
    }

    private void receive(String from, int port, String cookie, InfoHash... hashes) throws Exception {
        byte[] bytes = new LsdAnnounce("239.192.152.143:6771", port, List.of(hashes), cookie).toBytes();
        discovery.received(ByteBuffer.wrap(bytes), new InetSocketAddress(InetAddress.getByName(from), 6771), now);
    }

    @Test
    public void torrentsStartedTogetherShareOneDatagram() {
        for (int i = 0; i < 30; i++) {
            discovery.started(hash(i), now);
        }
        assertEquals(2, discovery.announce(now));
        assertEquals(List.of(25, 5), sent.stream().map(a -> a.infoHashes().size()).toList());
        assertEquals(6881, sent.get(0).port());
        assertEquals("ours", sent.get(0).cookie());
    }

    @Test
    public void announcedAgainEveryFiveMinutesNotBefore() {
        discovery.started(hash(1), now);
        discovery.announce(now);
        now += 5 * MINUTE - 1;
        assertEquals(0, discovery.announce(now));
        now += 1;
        assertEquals(1, discovery.announce(now));
        assertEquals(2, sent.size());
    }

    @Test
    public void aTorrentRestartedWithinAMinuteWaitsOutTheMinute() {
        discovery.started(hash(1), now);
        discovery.announce(now);
        discovery.stopped(hash(1));
        now += MINUTE / 2;
        discovery.started(hash(1), now);
        assertEquals(0, discovery.announce(now));
        now += MINUTE / 2;
        assertEquals(1, discovery.announce(now));
    }

    @Test
    public void stoppedTorrentsAreNotAnnounced() {
        discovery.started(hash(1), now);
        discovery.stopped(hash(1));
        assertEquals(0, discovery.announce(now));
        assertEquals(0, discovery.torrents());
    }

    @Test
    public void peersOfRunningTorrentsAreFoundAtTheSourceAddressAndAnnouncedPort() throws Exception {
        discovery.started(hash(1), now);
        receive("10.0.0.7", 7000, "theirs", hash(1), hash(2));
        assertEquals(List.of("01@10.0.0.7:7000"), found);
        assertEquals(1, discovery.counts().found());
        receive("10.0.0.7", 7000, "theirs", hash(1));
        receive("10.0.0.8", 7000, "third", hash(1));
        assertEquals("distinct peers seen", 2, discovery.peersSeen(hash(1)));
        assertEquals(0, discovery.peersSeen(hash(2)));
        discovery.stopped(hash(1));
        assertEquals(0, discovery.peersSeen(hash(1)));
    }

    @Test
    public void ourOwnAnnouncesAreIgnored() throws Exception {
        discovery.started(hash(1), now);
        receive("10.0.0.1", 6881, "ours", hash(1));
        assertEquals(List.of(), found);
        assertEquals(0, discovery.counts().received());
    }

    @Test
    public void invalidDatagramsAreCountedAndDropped() throws Exception {
        discovery.started(hash(1), now);
        discovery.received(ByteBuffer.wrap("M-SEARCH * HTTP/1.1\r\n\r\n".getBytes()),
                new InetSocketAddress("10.0.0.7", 6771), now);
        discovery.received(ByteBuffer.wrap("BT-SEARCH * HTTP/1.1\r\nHost: x\r\n".getBytes()),
                new InetSocketAddress("10.0.0.7", 6771), now);
        assertEquals(2, discovery.counts().invalid());
        assertEquals(List.of(), found);
    }

    @Test
    public void oneSourceIsReadAtMostTwentyTimesAMinute() throws Exception {
        discovery.started(hash(1), now);
        for (int i = 0; i < 100; i++) {
            receive("10.0.0.9", 7000 + i, "flood", hash(1));
        }
        assertEquals(SourceLimits.PER_MINUTE, found.size());
        assertEquals(100 - SourceLimits.PER_MINUTE, discovery.counts().limited());
        receive("10.0.0.10", 7000, "honest", hash(1));
        assertTrue("another source is still heard", found.contains("01@10.0.0.10:7000"));
        now += MINUTE;
        receive("10.0.0.9", 9000, "flood", hash(1));
        assertTrue("the bucket refilled after a minute", found.contains("01@10.0.0.9:9000"));
    }
}
