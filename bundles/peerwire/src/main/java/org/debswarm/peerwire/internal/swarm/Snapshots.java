package org.debswarm.peerwire.internal.swarm;

import java.util.List;

import org.debswarm.peerwire.PeerSnapshot;
import org.debswarm.peerwire.SessionSnapshot;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.PieceBits;

/** Counters of a swarm in bytes, as the statistics want them: completion in bytes, not in pieces. */
final class Snapshots {

    private Snapshots() {
    }

    static SessionSnapshot session(InfoHash infoHash, String name, PieceStorage storage, PieceBits wanted,
            RateMeter up, RateMeter down, long now, List<PeerSnapshot> peers) {
        long total = 0;
        long had = 0;
        long left = 0;
        PieceBits have = storage.had();
        for (int p = 0; p < storage.pieceCount(); p++) {
            long length = storage.pieceLength(p);
            total += length;
            if (have.get(p)) {
                had += length;
            } else if (wanted.get(p)) {
                left += length;
            }
        }
        return new SessionSnapshot(infoHash, name, storage.pieceCount(), have.cardinality(), total, had, left,
                up.total(), down.total(), up.rate(now), down.rate(now), peers);
    }
}
