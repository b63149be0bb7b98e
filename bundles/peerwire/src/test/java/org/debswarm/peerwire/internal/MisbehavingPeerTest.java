package org.debswarm.peerwire.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.debswarm.peerwire.PeerSnapshot;
import org.debswarm.peerwire.TorrentSession;
import org.debswarm.peerwire.internal.swarm.SwarmOptions;
import org.debswarm.peerwire.internal.wire.Handshake;
import org.debswarm.peerwire.internal.wire.Heard.Interested;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.torrent.PackagesTorrent;
import org.junit.Test;

/** Peers that lie or break the protocol lose their connection; everyone else carries on. */
public class MisbehavingPeerTest extends EngineTestSupport {

    @Test
    public void aLiarIsBannedAndThePieceStillArrivesFromTheHonestSeeder() throws Exception {
        files(1024 * 1024, 30_000);
        FileSystemPieceStore seedStore = store("seed");
        FileSystemPieceStore leechStore = store("leech");
        PackagesTorrent seedTorrent = torrent();
        PackagesTorrent leechTorrent = torrent();
        seed(seedStore, seedTorrent);
        PeerEngine seed = engine(seedStore);
        PeerEngine leech = engine(leechStore, SwarmOptions.DEFAULTS.withMaxBadPieces(1));
        TorrentSession seedS = seed.start(seedTorrent, HOST, ROOT);
        TorrentSession leechS = leech.start(leechTorrent, HOST, ROOT);
        try (FakePeer liar = new FakePeer(leechTorrent.infoHash(), leechTorrent.pieceCount())) {
            int piece = leechTorrent.indexOf(paths.get(0));
            CompletableFuture<Void> arrived = leechS.want(piece);
            leechS.addPeers(List.of(liar.address()));
            eventually("the liar served blocks", () -> liar.blocksServed > 0);
            leechS.addPeers(List.of(at(seed)));
            await(arrived);
            assertArrayEquals(contents.get(0), stored(leechStore, 0));
            assertEquals("closed by the engine", liar.ended.get(WAIT_SECONDS, TimeUnit.SECONDS));
            List<PeerSnapshot> peers = leech.snapshot(leechTorrent.infoHash()).orElseThrow().peers();
            assertEquals("only the honest seeder is left: " + peers, 1, peers.size());
            assertEquals(seed.port(), peers.get(0).address().getPort());
            assertEquals(0, peers.get(0).badPieces());
            leechS.addPeers(List.of(liar.address()));
        }
    }

    @Test
    public void malformedMessagesEndOnlyThatConnection() throws Exception {
        files(600_000);
        FileSystemPieceStore seedStore = store("seed");
        FileSystemPieceStore leechStore = store("leech");
        PackagesTorrent seedTorrent = torrent();
        PackagesTorrent leechTorrent = torrent();
        seed(seedStore, seedTorrent);
        PeerEngine seed = engine(seedStore);
        PeerEngine leech = engine(leechStore);
        TorrentSession seedS = seed.start(seedTorrent, HOST, ROOT);
        TorrentSession leechS = leech.start(leechTorrent, HOST, ROOT);
        leechS.addPeers(List.of(at(seed)));
        eventually("the leecher is connected", () -> peers(seed, seedTorrent) == 1);

        for (String bad : List.of("00000003 09 0000", "00895440 07", "00000005 04 00000063")) {
            try (Socket socket = new Socket("127.0.0.1", seed.port())) {
                socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
                OutputStream out = socket.getOutputStream();
                ByteBuffer hs = Handshake.of(seedTorrent.infoHash(), ("-XX0000-malformed" + bad.substring(0, 3))
                        .getBytes()).toBuffer();
                out.write(hs.array());
                DataInputStream in = new DataInputStream(socket.getInputStream());
                in.readFully(new byte[Handshake.LENGTH]);
                FakePeer.send(out, Interested.INSTANCE);
                eventually("the fake peer joined", () -> peers(seed, seedTorrent) == 2);
                out.write(java.util.HexFormat.of().parseHex(bad.replace(" ", "")));
                out.flush();
                while (in.read() >= 0) {
                    // what the seeder sent before it closed: bitfield, extension handshake, unchoke
                }
            }
            eventually("the seeder dropped only the bad peer", () -> peers(seed, seedTorrent) == 1);
        }
        await(leechS.want(0));
        assertArrayEquals(contents.get(0), stored(leechStore, 0));
    }

    private static int peers(PeerEngine engine, PackagesTorrent torrent) {
        return engine.snapshot(torrent.infoHash()).orElseThrow().peers().size();
    }

    @Test
    public void aConnectionForAnUnknownTorrentIsClosed() throws Exception {
        FileSystemPieceStore store = store("s");
        PeerEngine engine = engine(store);
        try (Socket socket = new Socket("127.0.0.1", engine.port())) {
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            ByteBuffer hs = Handshake.of(org.debswarm.torrent.InfoHash.of(new byte[20]), new byte[20]).toBuffer();
            socket.getOutputStream().write(hs.array());
            assertEquals(-1, socket.getInputStream().read());
        }
        assertTrue(engine.sessions().isEmpty());
    }
}
