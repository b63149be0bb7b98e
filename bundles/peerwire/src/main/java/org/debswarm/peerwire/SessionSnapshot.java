package org.debswarm.peerwire;

import java.util.List;

import org.debswarm.torrent.InfoHash;

/**
 * A running torrent session, as seen at one moment: what the statistics, the Web Console and the tracker
 * client's announces ({@code uploaded}, {@code downloaded}, {@code left}) read.
 *
 * @param infoHash      the torrent
 * @param name          the torrent's name, for people
 * @param pieceCount    pieces of the torrent
 * @param piecesHad     pieces held verified
 * @param totalBytes    length of the torrent
 * @param bytesHad      sum of the lengths of the pieces held
 * @param bytesWanted   sum of the lengths of the pieces wanted and not held (BEP 3 {@code left} for this node)
 * @param uploaded      bytes of piece data sent since the session started
 * @param downloaded    bytes of verified-or-pending piece data received since the session started
 * @param uploadRate    bytes per second sent, recently
 * @param downloadRate  bytes per second received, recently
 * @param peers         the connected peers
 */
public record SessionSnapshot(InfoHash infoHash, String name, int pieceCount, int piecesHad, long totalBytes,
        long bytesHad, long bytesWanted, long uploaded, long downloaded, long uploadRate, long downloadRate,
        List<PeerSnapshot> peers) {

    public SessionSnapshot {
        peers = List.copyOf(peers);
    }
}
