package org.debswarm.peerwire.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.util.BitSet;

import org.debswarm.peerwire.TorrentSession;
import org.debswarm.peerwire.internal.wire.Heard;
import org.debswarm.peerwire.internal.wire.Heard.Bitfield;
import org.debswarm.torrent.PackagesTorrent;
import org.junit.Test;

/** A piece the store evicted ({@link TorrentSession#lost}) is no longer had nor offered to peers that come. */
public class LostPieceTest extends EngineTestSupport {

    @Test
    public void aLostPieceIsLeftOutOfTheBitfieldsSentAfterwards() throws Exception {
        files(40_000, 50_000, 60_000);
        PackagesTorrent torrent = torrent();
        var store = store("seed");
        seed(store, torrent);
        PeerEngine seed = engine(store);
        TorrentSession session = seed.start(torrent, HOST, ROOT);
        assertEquals(bits(0, 1, 2), firstBitfield(seed, torrent));
        session.lost(1);
        assertEquals("piece 1 no longer offered", bits(0, 2), firstBitfield(seed, torrent));
        assertEquals(2, session.snapshot().piecesHad());
    }

    private static BitSet firstBitfield(PeerEngine engine, PackagesTorrent torrent) throws Exception {
        try (RawPeer peer = new RawPeer(at(engine))) {
            peer.pieceCount = torrent.pieceCount();
            peer.handshake(torrent.infoHash());
            assertNotNull(peer.readHandshake());
            for (Heard m = peer.read(); m != null; m = peer.read()) {
                if (m instanceof Bitfield bitfield) {
                    return bitfield.toBitSet();
                }
            }
            throw new AssertionError("no bitfield before the connection closed");
        }
    }

    private static BitSet bits(int... pieces) {
        BitSet set = new BitSet();
        for (int p : pieces) {
            set.set(p);
        }
        return set;
    }
}
