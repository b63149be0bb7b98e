package org.debswarm.peerwire;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.debswarm.storage.SpanningStorage;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.MetaInfo;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.PieceBits;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The peer wire engine: BitTorrent sessions for Debswarm's Packages torrents and for standard .torrent files,
 * over the <a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3</a> peer wire with the
 * <a href="https://www.bittorrent.org/beps/bep_0010.html">BEP 10</a> extension handshake. Every piece is
 * verified before it is stored, announced or served. Methods return quickly; none does network I/O on the
 * caller's thread. A session holds the torrent instance it was started with and uses its live
 * {@link PackagesTorrent#wanted()} and {@link PackagesTorrent#had()} sets.
 */
@ProviderType
public interface PeerWire {

    /**
     * Starts (or returns the running) session of a Packages torrent whose files live in the store under
     * {@code <mirrorHost>/<archiveRoot><path>}, for example {@code deb.debian.org} and {@code debian/}.
     *
     * @param archiveRoot the path of the archive on the mirror, empty or ending in {@code /}
     * @return false if a session for this infohash was already running
     */
    boolean start(PackagesTorrent torrent, String mirrorHost, String archiveRoot);

    /**
     * Starts a session of a standard torrent stored under {@code <data>/torrents/<infohash>/}; the pieces
     * already there are rechecked (SHA-1) on the caller's thread first; every piece is wanted.
     *
     * @return false if a session for this infohash was already running
     */
    boolean start(MetaInfo metaInfo);

    /**
     * Starts a session of a standard torrent over storage the caller opened and checked; every piece is wanted.
     *
     * @param had the pieces verified present; live: the session adds the pieces it completes
     * @param storage used until {@link #stop} returns; the caller closes it afterwards
     * @return false if a session for this infohash was already running
     */
    boolean start(MetaInfo metaInfo, SpanningStorage storage, PieceBits had);

    /** Stops a session and closes its connections; false if none was running. */
    boolean stop(InfoHash infoHash);

    /** Peers to connect to (from a tracker, LAN discovery, configuration), subject to the connection limits. */
    void addPeers(InfoHash infoHash, Collection<InetSocketAddress> peers);

    /**
     * Raises piece {@code piece} to top priority (and marks it wanted).
     *
     * @return completes when the piece is verified and stored (at once if it is); fails with an
     *         {@link IllegalStateException} if the session stops first; bound the wait with {@link CompletableFuture#orTimeout}. It completes on the engine's I/O
     *         thread: dependent actions must not block (use the {@code ...Async} variants with an executor of
     *         your own for anything slow)
     * @throws IllegalArgumentException if no session runs for {@code infoHash} or the piece is out of range
     */
    CompletableFuture<Void> want(InfoHash infoHash, int piece);

    /**
     * How many connected peers have announced piece {@code piece} (bitfield or {@code have}): whether asking the
     * swarm for it now can succeed. 0 when no session runs for {@code infoHash} or the piece is out of range.
     */
    int peersWith(InfoHash infoHash, int piece);

    /**
     * Tells the connected Debswarm peers of a session that this node is fetching piece {@code piece} from a
     * mirror ({@code fetching}), or gave that up; the {@code have} that follows a completed fetch needs no call.
     * Peers whose apt wants the same package then wait for this node instead of asking the mirror too. Does
     * nothing when no session runs for {@code infoHash} or the piece is out of range.
     */
    void fetchingFromMirror(InfoHash infoHash, int piece, boolean fetching);

    /**
     * How many connected peers told this node they are fetching piece {@code piece} from a mirror. With
     * {@code withPrecedence}, only those whose peer id sorts before this node's (unsigned): of two nodes that
     * started fetching the same piece at once, the one with the greater id gives way. 0 when no session runs
     * for {@code infoHash} or the piece is out of range.
     */
    int peersFetchingFromMirror(InfoHash infoHash, int piece, boolean withPrecedence);

    /**
     * How many peers the session of {@code infoHash} is connected to (handshakes done); 0 when no session runs.
     * Cheaper than {@link #snapshot}, which passes over every piece.
     *
     * @since 1.2
     */
    int connectedPeers(InfoHash infoHash);

    Optional<SessionSnapshot> snapshot(InfoHash infoHash);

    List<SessionSnapshot> sessions();

    /** The port of the listening socket, to announce to trackers. */
    int port();

    /** This node's 20-byte peer id, to announce to trackers. */
    byte[] peerId();
}
