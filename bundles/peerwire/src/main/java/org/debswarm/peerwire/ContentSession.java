package org.debswarm.peerwire;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;

import org.debswarm.storage.FileKey;
import org.debswarm.torrent.InfoHash;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The content swarm (docs/torrent-format.md, "The content swarm"; issue 14): one swarm per fleet in which files are
 * named by SHA-256, whatever index version, suite, architecture or mirror host they were read from. It offers every
 * verified file of the store it is told of, until told it is lost, and fetches the files it is asked for from the
 * peers that list them, verified against the SHA-256 of the asker's {@link FileKey} (from a signed index) before
 * they are stored, announced or served. Every method returns quickly and does no network I/O on the caller's
 * thread; once the session stopped, queries answer as for a session without peers, {@link #want} fails and the rest
 * does nothing.
 *
 * @since 2.3
 */
@ProviderType
public interface ContentSession {

    /** The swarm's id: its infohash on the wire, at trackers and in Local Service Discovery. */
    InfoHash infoHash();

    /** Peers to connect to (from a tracker, LAN discovery), subject to the connection limits. */
    void addPeers(Collection<InetSocketAddress> peers);

    /**
     * Files verified in the store, to offer to peers. The peers hear of them together, within about a second
     * (offers made meanwhile go in the same message).
     */
    void offer(Collection<FileKey> stored);

    /** The store no longer holds this content (it was evicted): peers hear of it at once. */
    void lost(String sha256);

    /**
     * Tells the peers that this node is fetching the file from a mirror, or gave that up (a completed fetch is told
     * by offering the stored file), so that those asked for it meanwhile wait for this copy
     * ({@link PieceAvailability#fetchingFromMirror}). Peers that connect meanwhile hear of it too.
     *
     * @since 2.4
     */
    void fetchingFromMirror(FileKey file, boolean fetching);

    /** How the connected peers stand towards the file: whether asking them for it can succeed. */
    CompletableFuture<PieceAvailability> availability(FileKey file);

    /**
     * Fetches the file from the peers that list it, at top priority, into the store under {@code file} (joining a
     * write of the same content in progress).
     *
     * @return completes when it is verified and stored (at once if it is); fails if the session stops first. It
     *         completes on the engine's I/O thread: dependent actions must not block; bound the wait
     */
    CompletableFuture<Void> want(FileKey file);

    /** The session at this moment (at most 5 s); its pieces are the files numbered so far. */
    SessionSnapshot snapshot();

    boolean isRunning();

    /** Stops the session and closes its connections (at most 5 s); pending wants fail. */
    boolean stop();
}
