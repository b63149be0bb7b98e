package org.debswarm.peerwire.internal.swarm;

import java.util.List;
import java.util.function.IntUnaryOperator;

import org.debswarm.peerwire.PeerSnapshot;
import org.debswarm.peerwire.SessionSnapshot;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.PieceBits;

/**
 * Counters of a swarm in bytes, as the statistics want them: completion in bytes, not in pieces, since a
 * Packages torrent's pieces are whole files of a few hundred bytes to hundreds of megabytes. One pass over the
 * pieces, reading the bitsets and the picker's availability counts: no per-piece objects.
 */
final class Snapshots {

    private Snapshots() {
    }

    /**
     * @param availability how many connected peers announced a piece: above 0, the swarm holds it
     * @param banned       the peer ids the swarm banned, in order
     * @param peerTotals   per peer id, its closed and open connections' figures
     */
    static SessionSnapshot session(InfoHash infoHash, String name, PieceStorage storage, PieceBits wanted,
            IntUnaryOperator availability, RateMeter up, RateMeter down, long now, List<PeerSnapshot> peers,
            List<String> banned, List<org.debswarm.peerwire.PeerTotals> peerTotals) {
        Bytes bytes = new Bytes();
        PieceBits have = storage.had();
        int inUse = storage.piecesInUse();
        for (int p = 0; p < inUse; p++) {
            boolean held = have.get(p);
            boolean isWanted = wanted.get(p);
            bytes.add(storage.pieceLength(p), held, isWanted, isWanted && (held || availability.applyAsInt(p) > 0));
        }
        return new SessionSnapshot(infoHash, name, inUse, have.cardinality(), bytes.total, bytes.had,
                bytes.left, up.total(), down.total(), up.rate(now), down.rate(now), peers, bytes.wanted,
                bytes.heldBySwarm, banned, peerTotals);
    }

    /** The sums of piece lengths a snapshot reports. */
    private static final class Bytes {
        long total;
        long had;
        long left;
        long wanted;
        long heldBySwarm;

        void add(long length, boolean held, boolean isWanted, boolean wantedAndInSwarm) {
            total += length;
            if (held) {
                had += length;
            } else if (isWanted) {
                left += length;
            }
            if (isWanted) {
                wanted += length;
            }
            if (wantedAndInSwarm) {
                heldBySwarm += length;
            }
        }
    }
}
