package org.debswarm.peerwire;

import java.util.List;

import org.debswarm.torrent.InfoHash;

/**
 * A running torrent session, as seen at one moment: what the statistics, the Web Console and the tracker
 * client's announces ({@code uploaded}, {@code downloaded}, {@code left}) read.
 *
 * @param infoHash         the torrent
 * @param name             the torrent's name, for people
 * @param pieceCount       pieces of the torrent
 * @param piecesHad        pieces held verified
 * @param totalBytes       length of the torrent
 * @param bytesHad         sum of the lengths of the pieces held
 * @param bytesWanted      sum of the lengths of the pieces wanted and not held (BEP 3 {@code left} for this node)
 * @param uploaded         bytes of piece data sent since the session started
 * @param downloaded       bytes of verified-or-pending piece data received since the session started
 * @param uploadRate       bytes per second sent, recently
 * @param downloadRate     bytes per second received, recently
 * @param peers            the connected peers
 * @param wantedTotalBytes sum of the lengths of the pieces wanted, held or not: the files apt asked this node
 *                         for in a Packages torrent, the whole torrent for a standard one (since 1.1)
 * @param bytesHeldBySwarm of those wanted pieces, the sum of the lengths of the ones that this node or at least
 *                         one connected peer holds: the union of the bitfields weighted by piece length, never
 *                         more than {@code wantedTotalBytes} (since 1.1)
 * @param bannedPeerIds    the peers (ids in hex) this session banned for bad data, each once, in the order
 *                         banned; a peer already banned by another session of the engine is not repeated
 *                         (since 1.1)
 * @param peerTotals       per peer id, what it moved in this session over all its connections, closed ones
 *                         included (the {@value #MAX_PEER_TOTALS} peers seen last); each figure only grows while
 *                         the session runs (since 1.1)
 */
public record SessionSnapshot(InfoHash infoHash, String name, int pieceCount, int piecesHad, long totalBytes,
        long bytesHad, long bytesWanted, long uploaded, long downloaded, long uploadRate, long downloadRate,
        List<PeerSnapshot> peers, long wantedTotalBytes, long bytesHeldBySwarm, List<String> bannedPeerIds,
        List<PeerTotals> peerTotals) {

    /** How many peers' totals a session keeps at most; the ones seen least recently go first. */
    public static final int MAX_PEER_TOTALS = 1024;

    public SessionSnapshot {
        peers = List.copyOf(peers);
        bannedPeerIds = List.copyOf(bannedPeerIds);
        peerTotals = List.copyOf(peerTotals);
    }

    /**
     * A snapshot as version 1.0 had it: nothing wanted, nothing held by the swarm, no bans, and the connected
     * peers' figures as their totals.
     */
    public SessionSnapshot(InfoHash infoHash, String name, int pieceCount, int piecesHad, long totalBytes,
            long bytesHad, long bytesWanted, long uploaded, long downloaded, long uploadRate, long downloadRate,
            List<PeerSnapshot> peers) {
        this(infoHash, name, pieceCount, piecesHad, totalBytes, bytesHad, bytesWanted, uploaded, downloaded,
                uploadRate, downloadRate, peers, 0, 0, List.of(), peers.stream().map(PeerTotals::of).toList());
    }
}
