package org.debswarm.peerwire.internal.engine;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.debswarm.peerwire.TorrentSession;
import org.debswarm.peerwire.internal.PeerEngine;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.torrent.PackagesTorrent;
import org.junit.Test;

/**
 * A peer that refused the first connection (here: its session was not running yet; in the field: its side of
 * a dead connection not yet closed) is connected to again a few seconds later, without a new tracker answer.
 */
public class ReconnectTest extends EngineTestSupport {

    @Test
    public void aPeerThatRefusedIsTriedAgain() throws Exception {
        files(200_000);
        FileSystemPieceStore seedStore = store("seed");
        FileSystemPieceStore leechStore = store("leech");
        PackagesTorrent seedTorrent = torrent();
        PackagesTorrent leechTorrent = torrent();
        seed(seedStore, seedTorrent);
        PeerEngine seed = engine(seedStore);
        PeerEngine leech = engine(leechStore);
        TorrentSession leechS = leech.start(leechTorrent, HOST, ROOT);
        int piece = leechTorrent.indexOf(paths.get(0));
        CompletableFuture<Void> arrived = leechS.want(piece);

        long start = System.nanoTime();
        leechS.addPeers(List.of(at(seed))); // refused: no session for it there yet
        Thread.sleep(1000); // the handshake takes milliseconds on loopback; the refusal is long done
        assertTrue("nothing yet", !arrived.isDone());
        seed.start(seedTorrent, HOST, ROOT);
        arrived.get(20, TimeUnit.SECONDS); // the first retry comes after 5 s
        assertTrue("it came with the retry", System.nanoTime() - start >= TimeUnit.SECONDS.toNanos(4));
        assertArrayEquals(contents.get(0), stored(leechStore, 0));
        assertTrue(leechTorrent.had().get(piece));
    }
}
