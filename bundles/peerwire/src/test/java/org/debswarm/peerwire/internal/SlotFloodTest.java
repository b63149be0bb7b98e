package org.debswarm.peerwire.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.debswarm.peerwire.TorrentSession;
import org.debswarm.peerwire.internal.swarm.SwarmOptions;
import org.debswarm.peerwire.internal.wire.Handshake;
import org.debswarm.peerwire.internal.wire.Heard.Interested;
import org.debswarm.peerwire.internal.wire.Heard.Request;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.PackagesTorrent;
import org.junit.Test;

/**
 * Finding F5 of issue 15, reproduced as described: 200 sockets from one address that never handshake, 50
 * handshaken peers that sit idle in a torrent of 50 connections, 40 peers that request and never read; then an
 * honest peer, which is served. Every step waits on an event (a socket closed by the engine, a handshake
 * answered, the honest peer's piece verified), each within a deadline, never on a duration. The flood comes from
 * other loopback addresses (127.0.0.2 and up), the honest peer from 127.0.0.1.
 */
public class SlotFloodTest extends EngineTestSupport {

    private static final int PER_ADDRESS = 8;
    private static final int SILENT = 200;
    private static final int IDLE = 50;
    private static final int GREEDY = 40;
    private static final int BLOCK = 16 * 1024;
    /** Generous: the machine may be loaded; the honest peer is served within seconds when it is not. */
    private static final long HONEST_WAIT_SECONDS = 120;

    private final List<AutoCloseable> sockets = new ArrayList<>();

    @Test
    public void anHonestPeerIsServedDuringTheFloods() throws Exception {
        files(4 << 20, 100_000);
        FileSystemPieceStore seedStore = store("seed");
        PackagesTorrent seedTorrent = torrent();
        seed(seedStore, seedTorrent);
        // a handshake deadline longer than the test: the silent sockets that are admitted stay for good; no
        // choking round or optimistic unchoke during the test: only a stalled peer's slot can go to the honest one
        SwarmOptions d = SwarmOptions.DEFAULTS;
        SwarmOptions swarm = new SwarmOptions(d.uploadSlots(), d.maxBadPieces(), d.pipeline(), IDLE, d.snubTimeout(),
                d.keepAlive(), d.idleTimeout(), Duration.ofHours(1), Duration.ofHours(1), d.client());
        EngineOptions options = new EngineOptions(new InetSocketAddress("127.0.0.1", 0), 200, PER_ADDRESS, 0, 0,
                Duration.ofMinutes(5), Duration.ofMillis(500), swarm);
        PeerEngine seed = new PeerEngine(options, seedStore);
        closeLater(seed);
        closeLater(this::closeSockets);
        seed.start(seedTorrent, HOST, ROOT);
        InfoHash hash = seedTorrent.infoHash();

        assertEquals("silent sockets closed at once", SILENT - PER_ADDRESS, silentFlood(seed));
        for (int i = 1; i <= IDLE; i++) {
            handshake(peer(seed, "127.0.1." + i, 0), hash, i);
        }
        assertEquals(IDLE, peers(seed, hash));
        int piece = seedTorrent.indexOf(paths.get(0));
        for (int i = 1; i <= GREEDY; i++) {
            Socket s = peer(seed, "127.0.2." + i, 4096);
            handshake(s, hash, 1000 + i); // answered: an idle peer made room
            greedy(s.getOutputStream(), piece);
        }
        assertEquals(IDLE, peers(seed, hash));

        PackagesTorrent leechTorrent = torrent();
        FileSystemPieceStore leechStore = store("leech");
        PeerEngine leech = engine(leechStore);
        TorrentSession honest = leech.start(leechTorrent, HOST, ROOT);
        honest.addPeers(List.of(at(seed)));
        try {
            honest.want(piece).get(HONEST_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        assertArrayEquals(contents.get(0), stored(leechStore, 0));
    }

    @Test
    public void handshakenPeersBehindOneAddressAreNotCapped() throws Exception {
        files(1000);
        FileSystemPieceStore store = store("seed");
        PackagesTorrent torrent = torrent();
        seed(store, torrent);
        PeerEngine seed = new PeerEngine(new EngineOptions(new InetSocketAddress("127.0.0.1", 0), 200, PER_ADDRESS,
                0, 0, Duration.ofMinutes(5), Duration.ofMillis(500), SwarmOptions.DEFAULTS), store);
        closeLater(seed);
        closeLater(this::closeSockets);
        seed.start(torrent, HOST, ROOT);
        for (int i = 1; i <= 3 * PER_ADDRESS; i++) {
            handshake(peer(seed, "127.0.0.3", 0), torrent.infoHash(), i); // answered: admitted
        }
        assertEquals("several nodes on one machine", 3 * PER_ADDRESS, peers(seed, torrent.infoHash()));
    }

    private static int peers(PeerEngine engine, InfoHash hash) {
        return engine.snapshot(hash).orElseThrow().peers().size();
    }

    /** Opens the silent sockets from one address; returns how many the engine closed (each an event). */
    private int silentFlood(PeerEngine seed) throws IOException {
        InetAddress from = InetAddress.getByName("127.0.0.2");
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < SILENT; i++) {
                SocketChannel c = SocketChannel.open();
                sockets.add(c);
                c.bind(new InetSocketAddress(from, 0));
                c.connect(at(seed));
                c.configureBlocking(false);
                c.register(selector, SelectionKey.OP_READ);
            }
            int closed = 0;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            ByteBuffer buffer = ByteBuffer.allocate(64);
            while (closed < SILENT - PER_ADDRESS) {
                long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                if (left <= 0 || selector.select(left) == 0 && System.nanoTime() >= end) {
                    break;
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    if (((SocketChannel) key.channel()).read(buffer.clear()) < 0) {
                        key.cancel();
                        closed++;
                    }
                }
                selector.selectedKeys().clear();
            }
            return closed;
        }
    }

    /** A blocking socket from {@code from}; a small receive buffer (0: the default) makes a non-reader stall sooner. */
    private Socket peer(PeerEngine seed, String from, int receiveBuffer) throws IOException {
        Socket s = new Socket();
        sockets.add(s);
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        s.connect(at(seed), (int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        return s;
    }

    /** Sends our handshake and reads the engine's: it answers only when it admitted the peer. */
    private static void handshake(Socket s, InfoHash hash, int n) throws IOException {
        byte[] id = String.format("-XX0000-%012d", n).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ByteBuffer ours = Handshake.of(hash, id).toBuffer();
        s.getOutputStream().write(ours.array(), ours.position(), ours.remaining());
        new DataInputStream(s.getInputStream()).readFully(new byte[Handshake.LENGTH]);
    }

    /** Interested, then as many requests as the engine queues, and never a byte read again. */
    private static void greedy(OutputStream out, int piece) throws IOException {
        FakePeer.send(out, Interested.INSTANCE);
        for (int i = 0; i < 240; i++) {
            FakePeer.send(out, new Request(piece, (i % 16) * BLOCK, BLOCK));
        }
    }

    private void closeSockets() throws IOException {
        for (AutoCloseable s : sockets) {
            try {
                s.close();
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }
}
