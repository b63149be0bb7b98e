package org.debswarm.peerwire.internal.swarm;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

import org.debswarm.peerwire.internal.wire.BlockRef;
import org.debswarm.torrent.PackagesTorrent;

/**
 * A piece being downloaded: which 16 KiB blocks are in, how many requests are out for each, who sent each
 * block and a CRC-32 of what they sent (to find a liar once the piece is known good). After a failed
 * verification a piece is retried from a single peer, one that was not the sole source of a failed attempt.
 */
final class PieceProgress {

    static final int BLOCK = PackagesTorrent.BLOCK_LENGTH;

    final int piece;
    final long length;
    final int blockCount;
    final BitSet received;
    final int[] requests;
    /** When the outstanding request of each block was sent (clock nanos), for the endgame's patience. */
    final long[] requestedAt;
    final PeerState[] from;
    final int[] crc;
    final boolean singleSource;
    final Set<PeerState> excluded;
    PeerState exclusive;

    PieceProgress(int piece, long length, BitSet present, boolean singleSource, Set<PeerState> excluded) {
        this.piece = piece;
        this.length = length;
        this.blockCount = (int) ((length + BLOCK - 1) / BLOCK);
        this.received = (BitSet) present.clone();
        this.requests = new int[blockCount];
        this.requestedAt = new long[blockCount];
        this.from = new PeerState[blockCount];
        this.crc = new int[blockCount];
        this.singleSource = singleSource;
        this.excluded = new HashSet<>(excluded);
    }

    BlockRef block(int index) {
        return new BlockRef(piece, index * BLOCK, (int) Math.min(BLOCK, length - (long) index * BLOCK));
    }

    boolean complete() {
        return received.cardinality() == blockCount;
    }

    /** Whether {@code peer} may be asked for blocks of this piece; claims it for a single-source retry. */
    boolean admits(PeerState peer) {
        if (!singleSource) {
            return true;
        }
        if (exclusive == null && !excluded.contains(peer)) {
            exclusive = peer;
        }
        return exclusive == peer;
    }

    /** Peers that sent blocks of this piece. */
    Set<PeerState> contributors() {
        Set<PeerState> peers = new HashSet<>();
        for (PeerState p : from) {
            if (p != null) {
                peers.add(p);
            }
        }
        return peers;
    }
}
