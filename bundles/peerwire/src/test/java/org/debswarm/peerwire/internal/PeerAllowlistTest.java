package org.debswarm.peerwire.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.debswarm.commons.Cidr;
import org.debswarm.peerwire.TorrentSession;
import org.debswarm.torrent.PackagesTorrent;
import org.junit.Test;

/** {@code peerAllowlist}: a peer outside it is neither accepted nor dialled; one inside exchanges as usual. */
public class PeerAllowlistTest extends EngineTestSupport {

    private static FleetOptions allowing(String range) {
        return FleetOptions.NONE.withPeerAllowlist(List.of(Cidr.parse(range)));
    }

    @Test
    public void aPeerOutsideTheAllowlistIsNotAccepted() throws Exception {
        files(40_000);
        PeerEngine elsewhere = engine(store("strict"), allowing("10.0.0.0/8"));
        PackagesTorrent torrent = torrent();
        elsewhere.start(torrent, HOST, ROOT);
        try (RawPeer probe = new RawPeer(at(elsewhere))) {
            probe.handshake(torrent.infoHash());
            assertNull("closed before any handshake", probe.readHandshake());
        }
        PeerEngine loopback = engine(store("open"), allowing("127.0.0.0/8"));
        loopback.start(torrent, HOST, ROOT);
        try (RawPeer probe = new RawPeer(at(loopback))) {
            probe.handshake(torrent.infoHash());
            assertNotNull("inside the allowlist: answered", probe.readHandshake());
        }
    }

    @Test
    public void onlyPeersInsideTheAllowlistAreDialled() throws Exception {
        files(40_000);
        PeerEngine strict = engine(store("strict"), allowing("127.0.0.1/32"));
        TorrentSession session = strict.start(torrent(), HOST, ROOT);
        try (ServerSocketChannel outside = ServerSocketChannel.open();
                ServerSocketChannel inside = ServerSocketChannel.open()) {
            outside.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            inside.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
            // dialled in this order on the engine's one thread: once the second is in, the first would be too
            session.addPeers(List.of((InetSocketAddress) outside.getLocalAddress(),
                    (InetSocketAddress) inside.getLocalAddress()));
            inside.socket().setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            try (SocketChannel dialled = inside.socket().accept().getChannel()) {
                assertNotNull(dialled);
            }
            outside.configureBlocking(false);
            assertNull("127.0.0.2 is outside 127.0.0.1/32: never dialled", outside.accept());
        }
    }

    @Test
    public void insideTheAllowlistPiecesMove() throws Exception {
        files(40_000, 60_000);
        PackagesTorrent seedTorrent = torrent();
        var seedStore = store("seed");
        seed(seedStore, seedTorrent);
        PeerEngine seed = engine(seedStore);
        seed.start(seedTorrent, HOST, ROOT);
        PackagesTorrent leechTorrent = torrent();
        var leechStore = store("leech");
        TorrentSession session = engine(leechStore, allowing("127.0.0.0/8")).start(leechTorrent, HOST, ROOT);
        session.addPeers(List.of(at(seed)));
        await(session.want(leechTorrent.indexOf(paths.get(1))));
        assertArrayEquals(contents.get(1), stored(leechStore, 1));
    }
}
