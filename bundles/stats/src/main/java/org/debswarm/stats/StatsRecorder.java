package org.debswarm.stats;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where producers report what happened. Every method only adds to counters in memory (no disk or network I/O,
 * no lock held across calls), so it may be called on an I/O thread for every block; the statistics component
 * writes the figures to its database on its own thread.
 *
 * <p>{@code infoHash} and {@code peerId} are 40 hexadecimal digits (either case; stored lower-case): the
 * 20-byte info hash and peer id of <a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3</a>.
 * A malformed id, or a negative byte count, is an {@link IllegalArgumentException}. Where a parameter is
 * documented as nullable, {@code null} means "not about a torrent" (an index file) or "not about a peer"
 * (data from a mirror), and the figure counts for the node (and the torrent) only. Byte counts are payload
 * bytes: piece data on the peer wire, response bodies for mirrors and apt.
 */
@ProviderType
public interface StatsRecorder {

    /** A connection to {@code peerId} for {@code infoHash} completed its handshake. */
    void peerConnected(String infoHash, String peerId, String clientName);

    /** The connection to {@code peerId} for {@code infoHash} closed. */
    void peerDisconnected(String infoHash, String peerId);

    /**
     * Piece data received from a peer (counted when received, whether or not the piece later verifies).
     *
     * @param clientName the peer's client as it told us (BEP 10 {@code v}, or decoded from the peer id);
     *                   nullable, keeps what was known
     */
    void peerDownloaded(String infoHash, String peerId, String clientName, long bytes);

    /** Piece data sent to a peer. {@code clientName} as in {@link #peerDownloaded}. */
    void peerUploaded(String infoHash, String peerId, String clientName, long bytes);

    /**
     * A piece failed its hash check.
     *
     * @param peerId the peer that sent (some of) it, or {@code null} when it came from a mirror
     */
    void verificationFailed(String infoHash, String peerId);

    /** The peer was banned from this torrent (for example after bad data). */
    void banned(String infoHash, String peerId);

    /**
     * Body bytes received from a mirror.
     *
     * @param infoHash   the torrent the file belongs to, or {@code null} for an index file
     * @param mirrorHost the host as the governor names it ({@code name} or {@code name:port})
     */
    void mirrorDownloaded(String infoHash, String mirrorHost, long bytes);

    /**
     * One answer to apt, counted when it is complete.
     *
     * @param infoHash  the torrent of the file, or {@code null} for an index file
     * @param bytes     body bytes sent to apt
     * @param fromStore {@code true} when the file was already in the store, {@code false} when it had to be
     *                  fetched (from peers or a mirror) for this request
     */
    void fileServed(String infoHash, long bytes, boolean fromStore);

    /**
     * The swarm's completion as seen by whoever knows the swarm (the peer wire): of the {@code bytesWanted}
     * bytes of the torrent, how many at least one connected peer or this node holds. The latest report wins.
     */
    void swarmCompletion(String infoHash, long bytesHeldBySwarm, long bytesWanted);

    /** A name for people, for example {@code deb.debian.org bookworm main binary-amd64}; the latest wins. */
    void torrentNamed(String infoHash, String name);
}
