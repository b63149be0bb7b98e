package org.debswarm.node.internal;

import org.debswarm.torrent.MetaInfo;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.PieceBits;

/** Bytes a node still misses in a torrent, from its had pieces: what {@code left} tells the tracker. */
final class Left {

    private Left() {
    }

    static long of(PackagesTorrent torrent) {
        long had = 0;
        PieceBits bits = torrent.had();
        for (int piece = bits.nextSetBit(0); piece >= 0; piece = bits.nextSetBit(piece + 1)) {
            had += torrent.length(piece);
        }
        return torrent.totalLength() - had;
    }

    static long of(MetaInfo torrent, PieceBits had) {
        long have = 0;
        for (int piece = had.nextSetBit(0); piece >= 0; piece = had.nextSetBit(piece + 1)) {
            have += torrent.pieceLength(piece);
        }
        return torrent.totalLength() - have;
    }
}
