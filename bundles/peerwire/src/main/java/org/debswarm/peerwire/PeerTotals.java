package org.debswarm.peerwire;

/**
 * What one peer moved in a session over all its connections, the closed ones included: counters that only grow
 * while the session runs, so that whoever reads them now and then (the statistics) misses nothing a connection
 * did just before it closed.
 *
 * @param peerId     the peer's 20-byte id, in hex
 * @param client     the client name its last connection gave
 * @param uploaded   bytes of piece data sent to it
 * @param downloaded bytes of piece data received from it
 * @param badPieces  pieces it sent that failed verification
 * @since 1.1
 */
public record PeerTotals(String peerId, String client, long uploaded, long downloaded, int badPieces) {

    /** These totals and another connection's figures of the same peer. */
    public PeerTotals plus(PeerSnapshot connection) {
        return new PeerTotals(peerId, connection.client(), uploaded + connection.uploaded(),
                downloaded + connection.downloaded(), badPieces + connection.badPieces());
    }

    /** The figures of one connection, as totals. */
    public static PeerTotals of(PeerSnapshot connection) {
        return new PeerTotals(connection.peerId(), connection.client(), connection.uploaded(),
                connection.downloaded(), connection.badPieces());
    }
}
