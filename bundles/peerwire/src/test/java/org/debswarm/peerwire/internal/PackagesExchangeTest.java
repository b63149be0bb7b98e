package org.debswarm.peerwire.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.debswarm.peerwire.TorrentSession;
import org.debswarm.peerwire.PeerSnapshot;
import org.debswarm.peerwire.SessionSnapshot;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.torrent.PackagesTorrent;
import org.junit.Test;

/** Packages torrents between real engines on loopback: pieces arrive byte-identical, verified and stored. */
public class PackagesExchangeTest extends EngineTestSupport {

    @Test
    public void aWantedPieceArrivesFromTwoSeedersAtOnce() throws Exception {
        files(4 * 1024 * 1024 + 123, 70_000, 1);
        FileSystemPieceStore seedStore1 = store("seed1");
        FileSystemPieceStore seedStore2 = store("seed2");
        FileSystemPieceStore leechStore = store("leech");
        PackagesTorrent seedTorrent1 = torrent();
        PackagesTorrent seedTorrent2 = torrent();
        PackagesTorrent leechTorrent = torrent();
        seed(seedStore1, seedTorrent1);
        seed(seedStore2, seedTorrent2);
        PeerEngine seed1 = engine(seedStore1);
        PeerEngine seed2 = engine(seedStore2);
        PeerEngine leech = engine(leechStore);
        seed1.start(seedTorrent1, HOST, ROOT);
        seed2.start(seedTorrent2, HOST, ROOT);
        TorrentSession leechS = leech.start(leechTorrent, HOST, ROOT);
        TorrentSession again = leech.start(leechTorrent, HOST, ROOT);
        assertTrue("a second start hands the running session", again.isRunning() && leechS.isRunning());

        int big = leechTorrent.indexOf(paths.get(0));
        CompletableFuture<Void> arrived = leechS.want(big);
        leechS.addPeers(List.of(at(seed1), at(seed2)));
        await(arrived);

        assertArrayEquals(contents.get(0), stored(leechStore, 0));
        assertTrue(leechTorrent.had().get(big));
        assertEquals("only the wanted piece", 1, leechTorrent.had().cardinality());
        SessionSnapshot s = leech.snapshot(leechTorrent.infoHash()).orElseThrow();
        assertEquals(2, s.peers().size());
        org.debswarm.peerwire.PieceAvailability availability = await(leechS.availability(big));
        assertEquals("one trip, the same count", 2, availability.connectedPeers());
        assertEquals("both seeders have it", 2, availability.peersWith());
        assertEquals("nobody fetches it from a mirror", 0, availability.fetchingFromMirror());
        assertTrue("the second handle stops the same session", again.stop());
        assertFalse(leechS.isRunning());
        assertEquals("a stopped session has no peers", org.debswarm.peerwire.PieceAvailability.NONE,
                await(leechS.availability(big)));
        assertFalse("stopped once", leechS.stop());
        long fromPeers = s.peers().stream().mapToLong(PeerSnapshot::downloaded).sum();
        assertTrue("every block came once, or a few twice in endgame: " + fromPeers,
                fromPeers >= contents.get(0).length && fromPeers < contents.get(0).length + 64 * 16384);
        for (PeerSnapshot p : s.peers()) {
            assertTrue("blocks from both seeders: " + s.peers(), p.downloaded() > 0);
            assertEquals("each seeder has the whole torrent", leechTorrent.totalLength(), p.bytesHad());
            assertEquals("Debswarm 0.1", p.client());
        }
        assertEquals(contents.get(0).length, s.bytesHad());
        // a seeder may have sent a few endgame copies that the leecher had cancelled and so discards
        eventually("the seeders count what they sent", () -> upload(seed1, leechTorrent) + upload(seed2, leechTorrent)
                >= fromPeers);
    }

    private static long upload(PeerEngine engine, PackagesTorrent torrent) {
        return engine.snapshot(torrent.infoHash()).orElseThrow().uploaded();
    }

    @Test
    public void aLeecherServesWhatItVerifiedAndAPieceAlreadyHadIsAtOnce() throws Exception {
        files(300_000, 50_000);
        FileSystemPieceStore seedStore = store("seed");
        FileSystemPieceStore middleStore = store("middle");
        FileSystemPieceStore lastStore = store("last");
        PackagesTorrent seedTorrent = torrent();
        PackagesTorrent middleTorrent = torrent();
        PackagesTorrent lastTorrent = torrent();
        seed(seedStore, seedTorrent);
        PeerEngine seed = engine(seedStore);
        PeerEngine middle = engine(middleStore);
        PeerEngine last = engine(lastStore);
        TorrentSession seedS = seed.start(seedTorrent, HOST, ROOT);
        TorrentSession middleS = middle.start(middleTorrent, HOST, ROOT);
        TorrentSession lastS = last.start(lastTorrent, HOST, ROOT);
        int piece = middleTorrent.indexOf(paths.get(0));
        middleS.addPeers(List.of(at(seed)));
        await(middleS.want(piece));
        assertTrue("had: completes at once", middleS.want(piece).isDone());

        seedS.stop();
        lastS.addPeers(List.of(at(middle)));
        await(lastS.want(piece));
        assertArrayEquals(contents.get(0), stored(lastStore, 0));
        assertFalse("the middle node never had piece 1 to give", lastTorrent.had().get(1 - piece));
    }

    @Test
    public void contentTheStoreAlreadyKnowsNeedsNoPeer() throws Exception {
        files(40_000);
        FileSystemPieceStore store = store("node");
        org.debswarm.storage.FileKey elsewhere = new org.debswarm.storage.FileKey("ftp.debian.org",
                ROOT + paths.get(0), contents.get(0).length, sha256(contents.get(0)));
        org.debswarm.storage.BeginResult begin = store.begin(elsewhere);
        begin.write().orElseThrow().writeAt(0, java.nio.ByteBuffer.wrap(contents.get(0)));
        await(begin.completion());
        PackagesTorrent torrent = torrent();
        PeerEngine engine = engine(store);
        TorrentSession engineS = engine.start(torrent, HOST, ROOT);
        await(engineS.want(0));
        assertArrayEquals(contents.get(0), stored(store, 0));
        assertTrue(torrent.had().get(0));
    }

    @Test
    public void stoppingEndsTheThreads() throws Exception {
        Set<Thread> before = peerwireThreads();
        files(20_000);
        FileSystemPieceStore a = store("a");
        FileSystemPieceStore b = store("b");
        PackagesTorrent ta = torrent();
        seed(a, ta);
        PeerEngine ea = new PeerEngine(org.debswarm.peerwire.internal.EngineOptions.loopback(0), a);
        PeerEngine eb = new PeerEngine(org.debswarm.peerwire.internal.EngineOptions.loopback(0), b);
        PackagesTorrent tb = torrent();
        ea.start(ta, HOST, ROOT);
        TorrentSession ebS = eb.start(tb, HOST, ROOT);
        ebS.addPeers(List.of(at(ea)));
        await(ebS.want(0));
        assertEquals("two threads per engine", 4, startedSince(before).size());
        CompletableFuture<Void> pending = ebS.want(0);
        assertTrue(pending.isDone());
        ea.close();
        eb.close();
        assertEquals("no thread left behind", Set.of(), leftRunning(before));
    }
}
