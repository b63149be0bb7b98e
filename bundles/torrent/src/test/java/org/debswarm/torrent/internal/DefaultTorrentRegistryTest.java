package org.debswarm.torrent.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.PackagesTorrents;
import org.debswarm.torrent.SourceIndex;
import org.debswarm.torrent.TorrentPiece;
import org.debswarm.torrent.TorrentRegistryListener;
import org.debswarm.torrent.TorrentStatus;
import org.debswarm.torrent.bencode.ByteString;
import org.junit.After;
import org.junit.Test;

/** Running torrents: replacement on update, shared torrents, retention of superseded ones, listeners. */
public class DefaultTorrentRegistryTest {

    private static final SourceIndex AMD64 = new SourceIndex("m", "dists/bookworm/main/binary-amd64/Packages");
    private static final SourceIndex ARM64 = new SourceIndex("m", "dists/bookworm/main/binary-arm64/Packages");
    private static final String H1 = "11".repeat(32);
    private static final String H2 = "22".repeat(32);
    private static final String H3 = "33".repeat(32);
    private static final String H4 = "44".repeat(32);
    private static final long WAIT_SECONDS = 10;

    private DefaultTorrentRegistry registry;
    private final Events events = new Events();

    /** Records what the registry tells, to wait for with a deadline. */
    static final class Events implements TorrentRegistryListener {
        final BlockingQueue<String> queue = new LinkedBlockingQueue<>();

        @Override
        public void torrentChanged(PackagesTorrent torrent, TorrentStatus status) {
            queue.add(torrent.infoHash().toHex().substring(0, 8) + " " + status);
        }

        String next() throws InterruptedException {
            String event = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (event == null) {
                fail("no registry event within " + WAIT_SECONDS + " s");
            }
            return event;
        }
    }

    @After
    public void stop() {
        if (registry != null) {
            registry.deactivate();
        }
    }

    private DefaultTorrentRegistry start(Duration retention) {
        registry = new DefaultTorrentRegistry(retention);
        registry.addListener(events);
        return registry;
    }

    /** An arch torrent with {@code arch} files and an all torrent with {@code all} files (hashes as given). */
    private static PackagesTorrents packages(SourceIndex source, String[] arch, String[] all) {
        DefaultPackagesTorrentBuilder builder = new DefaultPackagesTorrentBuilder(source);
        for (String h : arch) {
            builder.add("pool/" + h.substring(0, 4) + "_amd64.deb", 10, h, false);
        }
        for (String h : all) {
            builder.add("pool/" + h.substring(0, 4) + "_all.deb", 10, h, true);
        }
        return builder.build();
    }

    private static String id(PackagesTorrent t) {
        return t.infoHash().toHex().substring(0, 8);
    }

    @Test
    public void updateRegistersBothTorrents() throws InterruptedException {
        start(Duration.ofDays(2));
        PackagesTorrents v1 = packages(AMD64, new String[] {H1}, new String[] {H2});
        List<PackagesTorrent> current = registry.update(v1);
        assertEquals(List.of(v1.architecture(), v1.all()), current);
        assertEquals(current, registry.current(AMD64));
        assertEquals(Optional.of(v1.all()), registry.find(v1.all().infoHash()));
        assertEquals(TorrentStatus.CURRENT, registry.status(v1.architecture().infoHash()));
        assertEquals(Optional.empty(), registry.dropTime(v1.architecture().infoHash()));
        assertEquals(id(v1.architecture()) + " CURRENT", events.next());
        assertEquals(id(v1.all()) + " CURRENT", events.next());
    }

    @Test
    public void emptyTorrentsAreNotRegistered() {
        start(Duration.ofDays(2));
        assertEquals(1, registry.update(packages(AMD64, new String[0], new String[] {H2})).size());
        assertEquals(1, registry.torrents().size());
    }

    @Test
    public void unchangedPackagesKeepTheRegisteredInstanceAndItsState() {
        start(Duration.ofDays(2));
        PackagesTorrents v1 = packages(AMD64, new String[] {H1}, new String[] {H2});
        registry.update(v1);
        v1.architecture().wanted().set(0);
        PackagesTorrents again = packages(AMD64, new String[] {H1}, new String[] {H2});
        List<PackagesTorrent> current = registry.update(again);
        assertSame(v1.architecture(), current.get(0));
        assertTrue(current.get(0).wanted().get(0));
        assertEquals(2, registry.torrents().size());
    }

    @Test
    public void replacedTorrentIsSupersededThenDroppedAfterTheRetention() throws InterruptedException {
        start(Duration.ofSeconds(1));
        PackagesTorrents v1 = packages(AMD64, new String[] {H1}, new String[] {H2});
        registry.update(v1);
        events.next();
        events.next();
        PackagesTorrents v2 = packages(AMD64, new String[] {H1, H3}, new String[] {H2});
        Instant before = Instant.now();
        registry.update(v2);
        assertEquals(id(v2.architecture()) + " CURRENT", events.next());
        assertEquals(id(v1.architecture()) + " SUPERSEDED", events.next());
        assertEquals(TorrentStatus.SUPERSEDED, registry.status(v1.architecture().infoHash()));
        Instant drop = registry.dropTime(v1.architecture().infoHash()).orElseThrow();
        assertFalse(drop.isBefore(before.plusSeconds(1)));
        assertEquals(List.of(v2.architecture(), v1.all()), registry.current(AMD64));
        assertEquals(3, registry.torrents().size());

        assertEquals(id(v1.architecture()) + " DROPPED", events.next());
        assertEquals(Optional.empty(), registry.find(v1.architecture().infoHash()));
        assertEquals(TorrentStatus.DROPPED, registry.status(v1.architecture().infoHash()));
        assertEquals(2, registry.torrents().size());
    }

    @Test
    public void allTorrentSharedByTwoArchitecturesStaysCurrentWhileOneListsIt() throws InterruptedException {
        start(Duration.ofMillis(200));
        PackagesTorrents amd64 = packages(AMD64, new String[] {H1}, new String[] {H2});
        PackagesTorrents arm64 = packages(ARM64, new String[] {H3}, new String[] {H2});
        registry.update(amd64);
        List<PackagesTorrent> arm = registry.update(arm64);
        assertSame(amd64.all(), arm.get(1));
        assertEquals(3, registry.torrents().size());
        registry.update(packages(AMD64, new String[] {H1}, new String[] {H4}));
        assertEquals(TorrentStatus.CURRENT, registry.status(amd64.all().infoHash()));
        registry.remove(ARM64);
        assertEquals(TorrentStatus.SUPERSEDED, registry.status(amd64.all().infoHash()));
        assertEquals(TorrentStatus.SUPERSEDED, registry.status(arm64.architecture().infoHash()));
        assertEquals(List.of(), registry.current(ARM64));
    }

    @Test
    public void supersededTorrentListedAgainIsKept() throws InterruptedException {
        start(Duration.ofSeconds(1));
        PackagesTorrents v1 = packages(AMD64, new String[] {H1}, new String[0]);
        registry.update(v1);
        registry.update(packages(AMD64, new String[] {H3}, new String[0]));
        registry.update(packages(AMD64, new String[] {H1}, new String[0])); // a mirror rolled back
        assertEquals(TorrentStatus.CURRENT, registry.status(v1.architecture().infoHash()));
        assertEquals(Optional.empty(), registry.dropTime(v1.architecture().infoHash()));
        List<String> seen = List.of(events.next(), events.next(), events.next(), events.next(), events.next());
        assertEquals(List.of(id(v1.architecture()) + " CURRENT", seen.get(1), id(v1.architecture()) + " SUPERSEDED",
                id(v1.architecture()) + " CURRENT", seen.get(4)), seen);
        // the H3 torrent is dropped after the retention; v1, superseded earlier, would have been dropped first
        assertTrue(events.next().endsWith("DROPPED"));
        assertNull(events.queue.poll(100, TimeUnit.MILLISECONDS));
        assertEquals(TorrentStatus.CURRENT, registry.status(v1.architecture().infoHash()));
    }

    private static ByteString sha(String hex) {
        return ByteString.of(HexFormat.of().parseHex(hex));
    }

    @Test
    public void piecesAreFoundByContentInEveryTorrentListingIt() throws InterruptedException {
        start(Duration.ofSeconds(1));
        PackagesTorrents v1 = packages(AMD64, new String[] {H1, H3}, new String[] {H2});
        registry.update(v1);
        PackagesTorrent arch1 = v1.architecture();
        assertEquals(List.of(new TorrentPiece(arch1, arch1.indexOf("pool/3333_amd64.deb"))), registry.pieces(sha(H3)));
        assertEquals(List.of(new TorrentPiece(v1.all(), 0)), registry.pieces(sha(H2)));
        assertEquals(List.of(), registry.pieces(sha(H4)));
        assertEquals("not a SHA-256", List.of(), registry.pieces(ByteString.of(new byte[] {0x11, 0x11, 0x11, 0x11})));

        // the all torrent shared with another architecture is listed once; v1, superseded, still lists H1
        registry.update(packages(ARM64, new String[] {H4}, new String[] {H2}));
        assertEquals(1, registry.pieces(sha(H2)).size());
        PackagesTorrents v2 = packages(AMD64, new String[] {H1}, new String[] {H2});
        registry.update(v2);
        assertEquals(Set.of(new TorrentPiece(arch1, 0), new TorrentPiece(v2.architecture(), 0)),
                Set.copyOf(registry.pieces(sha(H1))));
        while (!events.next().equals(id(arch1) + " DROPPED")) {
            // v1 is dropped after the retention
        }
        assertEquals(Optional.empty(), registry.find(arch1.infoHash()));
        assertEquals(List.of(new TorrentPiece(v2.architecture(), 0)), registry.pieces(sha(H1)));
        assertEquals("gone with the dropped torrent", List.of(), registry.pieces(sha(H3)));
    }

    @Test
    public void contentSharingTheIndexedPrefixIsToldApart() {
        start(Duration.ofDays(2));
        String a = "ffeeddcc" + "00".repeat(28);
        String b = "ffeeddcc" + "01".repeat(28);
        String c = "00000000" + "ff".repeat(28);
        DefaultPackagesTorrentBuilder builder = new DefaultPackagesTorrentBuilder(AMD64);
        assertTrue(builder.add("pool/a_amd64.deb", 10, a, false));
        assertTrue(builder.add("pool/b_amd64.deb", 10, b, false));
        assertTrue(builder.add("pool/c_amd64.deb", 10, c, false));
        PackagesTorrent t = registry.update(builder.build()).get(0);
        assertEquals(List.of(new TorrentPiece(t, t.indexOf("pool/a_amd64.deb"))), registry.pieces(sha(a)));
        assertEquals(List.of(new TorrentPiece(t, t.indexOf("pool/b_amd64.deb"))), registry.pieces(sha(b)));
        assertEquals(List.of(), registry.pieces(sha("ffeeddcc" + "02".repeat(28))));
        assertEquals(List.of(new TorrentPiece(t, t.indexOf("pool/c_amd64.deb"))), registry.pieces(sha(c)));
    }

    @Test
    public void everyPieceOfALargeTorrentIsFoundAtItsIndex() {
        start(Duration.ofDays(2));
        DefaultPackagesTorrentBuilder builder = new DefaultPackagesTorrentBuilder(AMD64);
        Random random = new Random(12);
        for (int i = 0; i < 5000; i++) {
            byte[] hash = new byte[32];
            random.nextBytes(hash);
            if (i % 7 == 0) {
                hash[0] = (byte) 0x80; // many share a first byte, some their first four, with the sign bit set
                hash[1] = 0;
                hash[2] = (byte) (i % 3);
                hash[3] = 0;
            }
            assertTrue(builder.add("pool/p" + i + "_amd64.deb", 10, HexFormat.of().formatHex(hash), false));
        }
        PackagesTorrent t = registry.update(builder.build()).get(0);
        for (int piece = 0; piece < t.pieceCount(); piece++) {
            assertEquals(List.of(new TorrentPiece(t, piece)), registry.pieces(t.sha256(piece)));
        }
    }

    @Test
    public void newVersionStartsWithTheContentAlreadyHad() {
        start(Duration.ofDays(2));
        PackagesTorrents v1 = packages(AMD64, new String[] {H1, H2}, new String[0]);
        registry.update(v1);
        v1.architecture().had().set(v1.architecture().indexOf("pool/1111_amd64.deb"));
        PackagesTorrents v2 = packages(AMD64, new String[] {H1, H3}, new String[0]);
        registry.update(v2);
        PackagesTorrent t = v2.architecture();
        assertTrue(t.had().get(t.indexOf("pool/1111_amd64.deb")));
        assertFalse(t.had().get(t.indexOf("pool/3333_amd64.deb")));
        assertEquals(0, t.wanted().cardinality());
    }

    @Test
    public void contentLookupServiceMarksHadPieces() {
        start(Duration.ofDays(2));
        registry.setContentLookup(sha -> sha.toHex().equals(H4));
        PackagesTorrents v1 = packages(AMD64, new String[] {H3, H4}, new String[0]);
        registry.update(v1);
        assertEquals(1, v1.architecture().had().cardinality());
        assertTrue(v1.architecture().had().get(v1.architecture().indexOf("pool/4444_amd64.deb")));
    }

    @Test
    public void lateListenerHearsTheCurrentState() throws InterruptedException {
        start(Duration.ofDays(2));
        PackagesTorrents v1 = packages(AMD64, new String[] {H1}, new String[0]);
        registry.update(v1);
        registry.update(packages(AMD64, new String[] {H3}, new String[0]));
        Events late = new Events();
        registry.addListener(late);
        List<String> heard = List.of(late.next(), late.next());
        assertTrue(heard.toString(), heard.contains(id(v1.architecture()) + " SUPERSEDED"));
        assertNull(late.queue.poll(100, TimeUnit.MILLISECONDS));
        registry.removeListener(late);
    }

    @Test
    public void retentionConfiguration() {
        assertEquals(Duration.ofDays(2), DefaultTorrentRegistry.retention(config("P2D")));
        assertEquals(Duration.ofHours(12), DefaultTorrentRegistry.retention(config("PT12H")));
        assertEquals(Duration.ZERO, DefaultTorrentRegistry.retention(config("PT0S")));
        for (String bad : new String[] {"two days", "-P1D", ""}) {
            try {
                DefaultTorrentRegistry.retention(config(bad));
                fail(bad);
            } catch (IllegalArgumentException e) {
                assertEquals("supersededRetention " + bad
                        + " (expected: a non-negative ISO-8601 duration such as P2D or PT12H)", e.getMessage());
            }
        }
    }

    @Test
    public void modifiedRetentionAppliesToLaterSupersessions() throws InterruptedException {
        start(Duration.ofDays(2));
        registry.modified(config("PT0.1S"));
        PackagesTorrents v1 = packages(AMD64, new String[] {H1}, new String[0]);
        registry.update(v1);
        registry.update(packages(AMD64, new String[] {H3}, new String[0]));
        String dropped = id(v1.architecture()) + " DROPPED";
        String event;
        do {
            event = events.next(); // CURRENT, CURRENT, SUPERSEDED come first; each wait has a deadline
        } while (!event.equals(dropped));
        assertEquals(TorrentStatus.DROPPED, registry.status(v1.architecture().infoHash()));
    }

    static TorrentRegistryConfiguration config(String retention) {
        return new TorrentRegistryConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return TorrentRegistryConfiguration.class;
            }

            @Override
            public String supersededRetention() {
                return retention;
            }
        };
    }
}
