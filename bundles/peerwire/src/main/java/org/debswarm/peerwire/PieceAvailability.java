package org.debswarm.peerwire;

/**
 * How the connected peers of a session stand towards one piece, at one moment ({@link TorrentSession#availability}).
 *
 * @param connectedPeers          peers connected to the session (handshakes done)
 * @param peersWith               of those, how many announced the piece (bitfield or {@code have})
 * @param fetchingFromMirror      how many told this node they are fetching the piece from a mirror
 * @param fetchersWithPrecedence  of those, how many this node gives way to: the ones whose peer id sorts before
 *                                this node's (unsigned), so of two nodes that started the same fetch at once, the
 *                                one with the greater id gives way
 * @since 2.0
 */
public record PieceAvailability(int connectedPeers, int peersWith, int fetchingFromMirror,
        int fetchersWithPrecedence) {

    /** No peer at all: the answer of a stopped session. */
    public static final PieceAvailability NONE = new PieceAvailability(0, 0, 0, 0);

    /** Checks that no count is negative and that those with precedence are among the fetchers. */
    public PieceAvailability {
        if (connectedPeers < 0 || peersWith < 0 || fetchingFromMirror < 0 || fetchersWithPrecedence < 0
                || fetchersWithPrecedence > fetchingFromMirror) {
            throw new IllegalArgumentException("connected " + connectedPeers + ", with " + peersWith + ", fetching "
                    + fetchingFromMirror + ", with precedence " + fetchersWithPrecedence
                    + " (expected: all >= 0, precedence <= fetching)");
        }
    }

    /** Whether asking the swarm can bring the piece: a peer has it, or one is fetching it from a mirror. */
    public boolean fromPeers() {
        return peersWith > 0 || fetchingFromMirror > 0;
    }
}
