package org.debswarm.peerwire;

import java.net.InetSocketAddress;

/**
 * One connected peer of a session, as seen at one moment.
 *
 * @param peerId        the peer's 20-byte id from its handshake, in hex
 * @param address       the peer's address
 * @param client        the client name from its BEP 10 handshake ({@code v}), else derived from its peer id
 * @param incoming      whether the peer connected to us
 * @param uploaded      bytes of piece data sent to it
 * @param downloaded    bytes of piece data received from it
 * @param uploadRate    bytes per second sent to it, recently
 * @param downloadRate  bytes per second received from it, recently
 * @param bytesHad      how much of the torrent the peer has: the sum of the lengths of its pieces
 * @param piecesHad     how many pieces it has
 * @param choked        whether we choke it
 * @param chokingUs     whether it chokes us
 * @param interested    whether it is interested in us
 * @param interesting   whether we are interested in it
 * @param badPieces     pieces it sent that failed verification
 */
public record PeerSnapshot(String peerId, InetSocketAddress address, String client, boolean incoming, long uploaded,
        long downloaded, long uploadRate, long downloadRate, long bytesHad, int piecesHad, boolean choked,
        boolean chokingUs, boolean interested, boolean interesting, int badPieces) {
}
