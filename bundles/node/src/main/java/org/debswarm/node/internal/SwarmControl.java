package org.debswarm.node.internal;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import org.debswarm.peerwire.TorrentSession;
import org.debswarm.storage.SpanningStorage;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.MetaInfo;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.PieceBits;
import org.debswarm.torrent.bencode.ByteString;

/**
 * What the node glue needs from the peer-wire engine: start and stop a torrent's session, hand it the peers
 * trackers gave, read its transfer counters. Register an implementation as a DS service of this type (inside
 * this bundle) and {@link NodeSwarm} uses it; without one it uses {@link DetachedSwarmControl}.
 * <p>
 * Calls come from the node's own thread ({@code debswarm-node}) or the tracker client's threads and must return
 * quickly. Starting a torrent already started, or stopping one not started, does nothing.
 */
public interface SwarmControl {

    /** The 20-byte peer id this node gives in handshakes; announces send the same. */
    ByteString peerId();

    /**
     * Starts the session of a Packages torrent. Its {@link PackagesTorrent#wanted()} and
     * {@link PackagesTorrent#had()} are live state shared with the registry and the apt listener; its files
     * are stored under {@code origin}.
     */
    void start(PackagesTorrent torrent, Origin origin);

    /**
     * Starts the session of a standard torrent whose content lives in {@code storage}.
     *
     * @param had pieces verified present (live: the session sets the ones it completes); all set = seed
     * @param storage stays open until {@link #stop} returns; the node closes it afterwards
     */
    void start(MetaInfo torrent, SpanningStorage storage, PieceBits had);

    /** Stops a session: connections closed, nothing more read from or written to its storage. */
    void stop(InfoHash infoHash);

    /** Peers a tracker gave for a running torrent; the session decides whom it connects to. */
    void addPeers(InfoHash infoHash, Collection<InetSocketAddress> peers);

    /** The counters announced for a running torrent; empty if it is not running. */
    Optional<TransferCounters> counters(InfoHash infoHash);

    /**
     * The engine's handle of a running torrent's session, for what apt's requests need of it (availability of a
     * piece, mirror-fetch notices); empty when the torrent does not run, or no engine is there.
     */
    default Optional<TorrentSession> session(InfoHash infoHash) {
        return Optional.empty();
    }

    /**
     * Raises a piece apt is waiting for to top priority; completes when it is verified and stored. Fails at once
     * when no session runs.
     */
    default CompletableFuture<Void> want(InfoHash infoHash, int piece) {
        return CompletableFuture.failedFuture(new IllegalStateException("no peer-wire session for " + infoHash));
    }

    /** The address the engine listens on (loopback unless configured); empty when no engine is there. */
    default java.util.Optional<java.net.InetAddress> listenAddress() {
        return java.util.Optional.empty();
    }

    /**
     * How long ago the running session of a torrent started; empty when it does not run, or no engine is there.
     * Just after a start the swarm's first peers are still on their way.
     */
    default Optional<java.time.Duration> sessionAge(InfoHash infoHash) {
        return Optional.empty();
    }

    /**
     * How many peers Local Service Discovery found for a running torrent; 0 when discovery does not run, the
     * torrent does not, or no engine is there. Never throws.
     */
    default int peersSeenByDiscovery(InfoHash infoHash) {
        return 0;
    }

    /**
     * Starts this node's session of the fleet's content swarm (docs/torrent-format.md, "The content swarm").
     *
     * @return its id, to announce; empty when no engine is there
     */
    default Optional<InfoHash> startContent() {
        return Optional.empty();
    }

    /** The running content swarm's session; empty when none runs or no engine is there. */
    default Optional<org.debswarm.peerwire.ContentSession> content() {
        return Optional.empty();
    }

    /** The port peers reach this node on, when a session engine listens; else the configured {@code peerPort}. */
    default OptionalInt listeningPort() {
        return OptionalInt.empty();
    }
}
