package org.debswarm.peerwire;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

import org.debswarm.torrent.InfoHash;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One running torrent of the peer wire, as its owner holds it: what {@link PeerWire#start} returned. Every method
 * returns quickly and does no network I/O on the caller's thread; those that answer from the session's state make
 * one trip to the engine's I/O thread. Once the session stopped (by {@link #stop}, or because the engine stopped),
 * queries answer as for a session without peers, {@link #want} fails and the rest does nothing.
 *
 * @since 2.0
 */
@ProviderType
public interface TorrentSession {

    /** The torrent this session runs. */
    InfoHash infoHash();

    /** The number of pieces of the torrent. */
    int pieceCount();

    /** Peers to connect to (from a tracker, LAN discovery, configuration), subject to the connection limits. */
    void addPeers(Collection<InetSocketAddress> peers);

    /**
     * Raises piece {@code piece} to top priority (and marks it wanted).
     *
     * @return completes when the piece is verified and stored (at once if it is); fails with an
     *         {@link IllegalStateException} if the session stops first. It completes on the engine's I/O thread:
     *         dependent actions must not block (use the {@code ...Async} variants with an executor of your own);
     *         bound the wait with {@link CompletableFuture#orTimeout}
     * @throws IllegalArgumentException if the piece is out of range
     */
    CompletableFuture<Void> want(int piece);

    /**
     * How the connected peers stand towards piece {@code piece}, read in one trip to the I/O thread: whether asking
     * the swarm for it can succeed, and who is fetching it from a mirror (the {@code ds_mirror_fetch} notices).
     *
     * @return completes on the I/O thread; with {@link PieceAvailability#NONE} once the session stopped
     * @throws IllegalArgumentException if the piece is out of range
     */
    CompletableFuture<PieceAvailability> availability(int piece);

    /**
     * Tells the connected Debswarm peers that this node is fetching piece {@code piece} from a mirror
     * ({@code fetching}), or gave that up; the {@code have} that follows a completed fetch needs no call. Peers
     * whose apt wants the same package then wait for this node instead of asking the mirror too.
     *
     * @throws IllegalArgumentException if the piece is out of range
     */
    void fetchingFromMirror(int piece, boolean fetching);

    /**
     * The session at this moment (waits for the I/O thread at most 5 s).
     *
     * @throws IllegalStateException if the session stopped or the engine did not answer in time
     */
    SessionSnapshot snapshot();

    /**
     * The store no longer holds piece {@code piece} (it was evicted): the session stops counting it as had,
     * leaves it out of the bitfields it sends from now on, and drops the queued requests for it. Peers that saw it
     * announced earlier get no answer to a request for it (BEP 3 has no way to take an announcement back) and turn
     * to other peers. Does nothing once the session stopped.
     *
     * @throws IllegalArgumentException if the piece is out of range
     * @since 2.1
     */
    void lost(int piece);

    /** Whether the session still runs. */
    boolean isRunning();

    /**
     * Stops the session and closes its connections; waits (at most 5 s) until nothing touches its storage any
     * more. Pending {@link #want} futures fail.
     *
     * @return false if it had stopped already
     */
    boolean stop();
}
