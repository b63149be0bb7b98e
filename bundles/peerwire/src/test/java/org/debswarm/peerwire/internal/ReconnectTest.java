package org.debswarm.peerwire.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.debswarm.peerwire.TorrentSession;
import org.debswarm.peerwire.internal.swarm.SwarmOptions;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.torrent.PackagesTorrent;
import org.junit.Test;

/**
 * A peer that refused the first connection (here: a socket that closes it at once; in the field: a session not
 * running yet, or its side of a dead connection not yet closed) is connected to again a few seconds later,
 * without a new tracker answer.
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
        PeerEngine leech = engine(leechStore);
        TorrentSession leechS = leech.start(leechTorrent, HOST, ROOT);
        int piece = leechTorrent.indexOf(paths.get(0));
        CompletableFuture<Void> arrived = leechS.want(piece);

        int port;
        try (ServerSocket refusing = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = refusing.getLocalPort();
            refusing.setSoTimeout(20_000);
            leechS.addPeers(List.of(new InetSocketAddress("127.0.0.1", port)));
            refusing.accept().close(); // the first connection, closed at once: refused
        }
        assertFalse("nothing yet", arrived.isDone());
        PeerEngine seed = engine(seedStore, SwarmOptions.DEFAULTS, port); // the same address, now a real peer
        seed.start(seedTorrent, HOST, ROOT);
        arrived.get(20, TimeUnit.SECONDS); // with the retry (the first after 1 s), no new tracker answer
        assertArrayEquals(contents.get(0), stored(leechStore, 0));
        assertTrue(leechTorrent.had().get(piece));
    }
}
