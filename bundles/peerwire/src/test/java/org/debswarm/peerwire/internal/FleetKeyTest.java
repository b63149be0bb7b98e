package org.debswarm.peerwire.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.debswarm.peerwire.TorrentSession;
import org.debswarm.peerwire.internal.fleet.FleetKey;
import org.debswarm.peerwire.internal.wire.ExtensionHandshake;
import org.debswarm.peerwire.internal.wire.FleetProof;
import org.debswarm.peerwire.internal.wire.Handshake;
import org.debswarm.peerwire.internal.wire.Heard;
import org.debswarm.peerwire.internal.wire.Heard.Bitfield;
import org.debswarm.peerwire.internal.wire.Heard.Extended;
import org.debswarm.peerwire.internal.wire.Heard.Interested;
import org.debswarm.peerwire.internal.wire.Heard.Request;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.PackagesTorrent;
import org.junit.Test;

/**
 * The fleet key on real engines and sockets: two keyed engines exchange; a keyless or wrong-keyed peer gets
 * nothing (no handshake for the plain infohash, no bitfield, no piece) and gives nothing (the keyed engine
 * requests nothing from it), both directions.
 */
public class FleetKeyTest extends EngineTestSupport {

    private static FleetKey key(String secret) {
        try {
            return FleetKey.of(secret.getBytes(StandardCharsets.US_ASCII), "test");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static FleetOptions keyed(FleetKey key) {
        return FleetOptions.NONE.withKey(key);
    }

    private final FleetKey fleet = key("c2VjcmV0IGZsZWV0IGtleSBmb3IgdGVzdHM=\n");

    private PeerEngine keyedSeed(PackagesTorrent torrent) throws Exception {
        FileSystemPieceStore store = store("seed");
        seed(store, torrent);
        PeerEngine seed = engine(store, keyed(fleet));
        assertTrue(seed.start(torrent, HOST, ROOT).isRunning());
        return seed;
    }

    @Test
    public void twoKeyedEnginesExchange() throws Exception {
        files(40_000, 70_000);
        PeerEngine seed = keyedSeed(torrent());
        PackagesTorrent leechTorrent = torrent();
        FileSystemPieceStore leechStore = store("leech");
        PeerEngine leech = engine(leechStore, keyed(fleet));
        TorrentSession session = leech.start(leechTorrent, HOST, ROOT);
        session.addPeers(List.of(at(seed)));
        for (int i = 0; i < 2; i++) {
            await(session.want(leechTorrent.indexOf(paths.get(i))));
            assertArrayEquals(contents.get(i), stored(leechStore, i));
        }
    }

    @Test
    public void theKeyedEngineNamesTheTorrentOnlyByItsDerivedInfohash() throws Exception {
        files(40_000);
        PackagesTorrent torrent = torrent();
        PeerEngine seed = keyedSeed(torrent);
        try (RawPeer outsider = new RawPeer(at(seed))) {
            outsider.handshake(torrent.infoHash());
            assertNull("no handshake for the plain infohash", outsider.readHandshake());
        }
    }

    @Test
    public void aPeerThatKnowsTheDerivedInfohashButNotTheKeyGetsNoPiece() throws Exception {
        files(40_000);
        PackagesTorrent torrent = torrent();
        PeerEngine seed = keyedSeed(torrent);
        try (RawPeer outsider = new RawPeer(at(seed))) {
            outsider.handshake(fleet.wireHash(torrent.infoHash()));
            assertNotNull(outsider.readHandshake());
            ExtensionHandshake hs = ExtensionHandshake.parse(((Extended) outsider.read()).payload());
            assertEquals(ExtensionHandshake.NONCE_BYTES, hs.fleetNonce().length);
            outsider.send(Interested.INSTANCE);
            outsider.send(new Request(0, 0, 16384));
            assertEquals("nothing after the extension handshake, and closed", List.of(), outsider.readUntilClosed());
        }
    }

    @Test
    public void aPeerThatNeverProvesIsClosedAtTheDeadline() throws Exception {
        files(40_000);
        PackagesTorrent torrent = torrent();
        PeerEngine seed = keyedSeed(torrent);
        try (RawPeer silent = new RawPeer(at(seed))) {
            silent.handshake(fleet.wireHash(torrent.infoHash()));
            assertNotNull(silent.readHandshake());
            // the test engines' connect timeout (5 s) is the proof deadline; the read timeout is longer
            assertEquals("the extension handshake, then closed", List.of(Extended.class),
                    silent.readUntilClosed().stream().map(Object::getClass).toList());
        }
    }

    @Test
    public void aWrongKeysProofIsRefusedAndTheRightOneOpensTheSwarm() throws Exception {
        files(40_000);
        PackagesTorrent torrent = torrent();
        PeerEngine seed = keyedSeed(torrent);
        InfoHash wire = fleet.wireHash(torrent.infoHash());
        List<Heard> refused = proveWith(key("another fleet's key, long enough"), seed, wire).readUntilClosed();
        assertTrue("at most the seed's own proof, then closed: " + refused,
                refused.stream().allMatch(m -> m instanceof Extended));
        List<Heard> after = new java.util.ArrayList<>();
        try (RawPeer member = proveWith(fleet, seed, wire)) {
            member.pieceCount = torrent.pieceCount();
            Heard m = member.read();
            while (m instanceof Extended) {
                m = member.read(); // the seed's own proof
            }
            after.add(m);
        }
        assertTrue("the bitfield comes once proven: " + after, after.get(0) instanceof Bitfield);
    }

    // an outsider with a key (right or wrong) that answers the seed's challenge
    private RawPeer proveWith(FleetKey key, PeerEngine seed, InfoHash wire) throws IOException {
        RawPeer peer = new RawPeer(at(seed));
        closeLater(peer);
        peer.handshake(wire);
        Handshake theirs = peer.readHandshake();
        ExtensionHandshake hs = ExtensionHandshake.parse(((Extended) peer.read()).payload());
        byte[] nonce = new byte[ExtensionHandshake.NONCE_BYTES];
        nonce[0] = 42;
        peer.send(new ExtensionHandshake(Map.of(FleetProof.NAME, 5), "raw", 0, 0, nonce).toMessage());
        byte[] proof = key.proof(wire, peer.peerId, theirs.peerId(), nonce, hs.fleetNonce());
        peer.send(new FleetProof(proof).toMessage(hs.extensions().get(FleetProof.NAME)));
        return peer;
    }

    @Test
    public void aKeyedEngineRequestsNothingFromAPeerThatClaimsEveryPieceWithoutProof() throws Exception {
        files(40_000, 70_000);
        PackagesTorrent torrent = torrent();
        PeerEngine leech = engine(store("leech"), keyed(fleet));
        TorrentSession session = leech.start(torrent, HOST, ROOT);
        InfoHash wire = fleet.wireHash(torrent.infoHash());
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            server.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            session.addPeers(List.of(new InetSocketAddress("127.0.0.1", server.getLocalPort())));
            CompletableFuture<Void> wanted = session.want(0);
            try (Socket s = server.accept(); RawPeer liar = RawPeer.over(s)) {
                assertNotNull(liar.readHandshake());
                liar.handshake(wire);
                BitSet all = new BitSet();
                all.set(0, 2);
                liar.send(Bitfield.of(all, 2));
                List<Heard> got = liar.readUntilClosed();
                assertTrue("at most the extension handshake, then closed: " + got,
                        got.stream().allMatch(m -> m instanceof Extended));
            }
            assertTrue("the want still waits", !wanted.isDone());
        }
    }

    @Test
    public void aKeylessEngineAndAKeyedOneNeverGetTogetherEitherWay() throws Exception {
        files(40_000);
        PackagesTorrent torrent = torrent();
        PeerEngine seed = keyedSeed(torrent);
        PeerEngine keyless = engine(store("keyless"));
        keyless.start(torrent(), HOST, ROOT);
        try (RawPeer probe = new RawPeer(at(keyless))) {
            probe.handshake(fleet.wireHash(torrent.infoHash()));
            assertNull("the keyless engine does not run the fleet's swarm", probe.readHandshake());
        }
        try (RawPeer probe = new RawPeer(at(seed))) {
            probe.handshake(torrent.infoHash());
            assertNull("the keyed one does not run the plain swarm", probe.readHandshake());
        }
        assertEquals(0, seed.snapshot(torrent.infoHash()).orElseThrow().peers().size());
    }
}
