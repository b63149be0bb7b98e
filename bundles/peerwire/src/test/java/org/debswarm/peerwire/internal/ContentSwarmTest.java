package org.debswarm.peerwire.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.debswarm.peerwire.ContentSession;
import org.debswarm.storage.BeginResult;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileWrite;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.junit.Test;

/**
 * The content swarm between real engines on loopback: a file is found by its SHA-256, whatever path, host or index
 * version each node read it from; it is verified, stored and offered on; an evicted file is taken back.
 */
public class ContentSwarmTest extends EngineTestSupport {

    private FileKey key(String host, String path, int file) {
        return new FileKey(host, path, contents.get(file).length, sha256(contents.get(file)));
    }

    private FileKey store(FileSystemPieceStore store, FileKey key, int file) throws Exception {
        BeginResult begin = store.begin(key);
        FileWrite write = begin.write().orElseThrow();
        write.writeAt(0, ByteBuffer.wrap(contents.get(file)));
        await(begin.completion());
        return key;
    }

    private static byte[] read(FileSystemPieceStore store, FileKey key) throws Exception {
        return Files.readAllBytes(store.lookup(key.host(), key.path()).orElseThrow().file());
    }

    @Test
    public void aFileIsFoundByContentUnderAnotherHostAndPathAndOfferedOn() throws Exception {
        files(1_000_000, 70_000);
        FileSystemPieceStore storeA = store("a");
        FileSystemPieceStore storeB = store("b");
        FileSystemPieceStore storeC = store("c");
        PeerEngine a = engine(storeA);
        PeerEngine b = engine(storeB);
        PeerEngine c = engine(storeC);
        ContentSession contentA = a.startContent();
        ContentSession contentB = b.startContent();
        ContentSession contentC = c.startContent();
        assertEquals("one swarm id for every keyless node", contentA.infoHash(), contentB.infoHash());
        assertEquals("SHA-1 of the label (docs/torrent-format.md, section 9)",
                "dd00eab6ecabfad24aa2b7193f0526d8fd07a686", contentA.infoHash().toHex());
        assertTrue("a second start hands the running session", a.startContent() == contentA);
        contentA.offer(List.of(store(storeA, key(HOST, "debian/pool/main/p/pkg0/pkg0_1.0_amd64.deb", 0), 0)));
        contentB.addPeers(List.of(at(a)));

        FileKey elsewhere = key("mirror.example.org", "ubuntu/pool/universe/p/pkg0/pkg0_1.0_all.deb", 0);
        eventually("B hears of A's file", () -> availableAt(contentB, elsewhere) == 1);
        await(contentB.want(elsewhere));
        assertArrayEquals(contents.get(0), read(storeB, elsewhere));

        contentC.addPeers(List.of(at(b)));
        FileKey third = key("deb.debian.org", "debian/pool/main/p/pkg0/pkg0_0.9_amd64.deb", 0);
        eventually("C hears of the file B verified", () -> availableAt(contentC, third) == 1);
        await(contentC.want(third));
        assertArrayEquals(contents.get(0), read(storeC, third));
        assertTrue("A uploaded it", a.snapshot(contentA.infoHash()).orElseThrow().uploaded() >= contents.get(0).length);
    }

    @Test
    public void aFileWantedBeforeItIsOfferedArrivesWhenOfferedAndAnEvictedOneIsTakenBack() throws Exception {
        files(300_000, 40_000);
        FileSystemPieceStore storeA = store("a");
        FileSystemPieceStore storeB = store("b");
        PeerEngine a = engine(storeA);
        PeerEngine b = engine(storeB);
        ContentSession contentA = a.startContent();
        ContentSession contentB = b.startContent();
        contentA.offer(List.of(store(storeA, key(HOST, ROOT + paths.get(1), 1), 1)));
        contentB.addPeers(List.of(at(a)));
        FileKey wanted = key(HOST, ROOT + paths.get(0), 0);
        CompletableFuture<Void> arrived = contentB.want(wanted);
        eventually("connected", () -> availableAt(contentB, key(HOST, ROOT + paths.get(1), 1)) == 1);
        assertTrue("not offered yet", !arrived.isDone());
        contentA.offer(List.of(store(storeA, wanted, 0)));
        await(arrived);
        assertArrayEquals(contents.get(0), read(storeB, wanted));

        contentA.lost(sha256(contents.get(1)));
        eventually("B hears that A no longer holds file 1",
                () -> availableAt(contentB, key(HOST, ROOT + paths.get(1), 1)) == 0);
    }

    /**
     * Real sockets: a peer that sends a piece under a number it never listed, or announces an inventory larger than
     * an extended message may be, is disconnected (the latter at the length prefix, before any buffer is sized by
     * it); the engine serves the next peer as before.
     */
    @Test
    public void aPeerThatLiesIsDisconnectedAndTheNextIsServed() throws Exception {
        files(50_000);
        FileSystemPieceStore storeA = store("a");
        FileSystemPieceStore storeB = store("b");
        PeerEngine a = engine(storeA);
        ContentSession contentA = a.startContent();
        FileKey held = store(storeA, key(HOST, ROOT + paths.get(0), 0), 0);
        contentA.offer(List.of(held));
        eventually("offered", () -> a.snapshot(contentA.infoHash()).orElseThrow().bytesHad() == contents.get(0).length);

        try (RawPeer liar = new RawPeer(at(a))) {
            liar.pieceCount = org.debswarm.peerwire.internal.swarm.ContentCatalog.CAPACITY;
            liar.handshake(contentA.infoHash());
            org.junit.Assert.assertNotNull(liar.readHandshake());
            liar.send(new org.debswarm.peerwire.internal.wire.ExtensionHandshake(java.util.Map.of("ds_content", 9),
                    "liar", 0, 250).toMessage());
            liar.send(new org.debswarm.peerwire.internal.wire.Heard.Piece(77, 0, new byte[16]));
            List<org.debswarm.peerwire.internal.wire.Heard> got = liar.readUntilClosed();
            assertTrue("the engine's inventory came, then the close: " + got, got.stream().anyMatch(m ->
                    m instanceof org.debswarm.peerwire.internal.wire.Heard.Extended e && e.extendedId() == 9));
        }
        try (RawPeer flooder = new RawPeer(at(a))) {
            flooder.pieceCount = org.debswarm.peerwire.internal.swarm.ContentCatalog.CAPACITY;
            flooder.handshake(contentA.infoHash());
            org.junit.Assert.assertNotNull(flooder.readHandshake());
            // an extended message of 64 MiB announced: refused at its length, nothing more is sent
            flooder.send(ByteBuffer.allocate(6).putInt(64 << 20).put((byte) 20).put((byte) 4).flip());
            flooder.readUntilClosed();
        }

        PeerEngine b = engine(storeB);
        ContentSession contentB = b.startContent();
        contentB.addPeers(List.of(at(a)));
        FileKey wanted = key("other.example.org", "debian/pool/x.deb", 0);
        eventually("B hears of A's file", () -> availableAt(contentB, wanted) == 1);
        await(contentB.want(wanted));
        assertArrayEquals(contents.get(0), read(storeB, wanted));
    }

    /**
     * With a fleet key the swarm is named by the key: two nodes of a fleet exchange (each proves the key first), a
     * node with another key is in another swarm and is refused at the handshake.
     */
    @Test
    public void aKeyedFleetHasItsOwnContentSwarm() throws Exception {
        files(30_000);
        org.debswarm.peerwire.internal.fleet.FleetKey key = org.debswarm.peerwire.internal.fleet.FleetKey.of(
                "debswarm example fleet key 0001\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "test");
        org.debswarm.peerwire.internal.fleet.FleetKey other = org.debswarm.peerwire.internal.fleet.FleetKey.of(
                "another fleet, another key 0002".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "test");
        FileSystemPieceStore storeA = store("a");
        PeerEngine a = engine(storeA, FleetOptions.NONE.withKey(key));
        PeerEngine b = engine(store("b"), FleetOptions.NONE.withKey(key));
        PeerEngine outsider = engine(store("c"), FleetOptions.NONE.withKey(other));
        ContentSession contentA = a.startContent();
        ContentSession contentB = b.startContent();
        ContentSession contentC = outsider.startContent();
        assertEquals("the worked example of docs/torrent-format.md, section 9",
                "1c4f51fa4b24a13a5039fc1d60c836314b839989", contentA.infoHash().toHex());
        assertEquals(contentA.infoHash(), contentB.infoHash());
        assertTrue("another key, another swarm", !contentC.infoHash().equals(contentA.infoHash()));
        contentA.offer(List.of(store(storeA, key(HOST, ROOT + paths.get(0), 0), 0)));
        contentB.addPeers(List.of(at(a)));
        contentC.addPeers(List.of(at(a)));
        FileKey wanted = key(HOST, ROOT + paths.get(0), 0);
        eventually("B, of the fleet, hears of A's file", () -> availableAt(contentB, wanted) == 1);
        await(contentB.want(wanted));
        assertEquals("the outsider is connected to nobody", 0, contentC.snapshot().peers().size());
        assertEquals("A's one peer is B", 1, contentA.snapshot().peers().size());
    }

    private static int availableAt(ContentSession session, FileKey key) {
        try {
            return await(session.availability(key)).peersWith();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
