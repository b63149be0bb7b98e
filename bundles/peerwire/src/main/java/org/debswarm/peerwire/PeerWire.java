package org.debswarm.peerwire;

import java.util.List;
import java.util.Optional;

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
 * <p>
 * Since 2.0, starting a torrent returns its {@link TorrentSession}, and everything done to a running torrent
 * (peers, wants, mirror-fetch notices, its snapshot, stop) goes through that handle. This service itself keeps
 * only what concerns the engine as a whole, and read-only views for observers such as consoles.
 */
@ProviderType
public interface PeerWire {

    /**
     * Starts the session of a Packages torrent whose files live in the store under
     * {@code <mirrorHost>/<archiveRoot><path>}, for example {@code deb.debian.org} and {@code debian/}.
     *
     * @param archiveRoot the path of the archive on the mirror, empty or ending in {@code /}
     * @return the new session; the running one if a session of this infohash runs already
     */
    TorrentSession start(PackagesTorrent torrent, String mirrorHost, String archiveRoot);

    /**
     * Starts a session of a standard torrent stored under {@code <data>/torrents/<infohash>/}; the pieces
     * already there are rechecked (SHA-1) on the caller's thread first; every piece is wanted.
     *
     * @return the new session; the running one if a session of this infohash runs already
     */
    TorrentSession start(MetaInfo metaInfo);

    /**
     * Starts a session of a standard torrent over storage the caller opened and checked; every piece is wanted.
     *
     * @param had the pieces verified present; live: the session adds the pieces it completes
     * @param storage used until the session's {@link TorrentSession#stop} returns; the caller closes it afterwards
     * @return the new session; the running one if a session of this infohash runs already
     */
    TorrentSession start(MetaInfo metaInfo, SpanningStorage storage, PieceBits had);

    /**
     * The session of a torrent at this moment, for observers (consoles) that hold no handle; empty if none runs.
     * Waits for the I/O thread at most 5 s.
     */
    Optional<SessionSnapshot> snapshot(InfoHash infoHash);

    /** Every running session at this moment, read in one trip to the I/O thread (at most 5 s). */
    List<SessionSnapshot> sessions();

    /** The port of the listening socket, to announce to trackers. */
    int port();

    /**
     * The address the listening socket is bound to (127.0.0.1 unless configured, the LAN address in LAN mode,
     * the wildcard address for all interfaces): whether peers on other hosts can reach this node at all.
     *
     * @since 2.1
     */
    java.net.InetAddress listenAddress();

    /**
     * How many distinct peers Local Service Discovery (<a href="https://www.bittorrent.org/beps/bep_0014.html">BEP
     * 14</a>) found for a running torrent since its session started: what the node compares with its tracker's
     * answers (a tracker that keeps answering with no peers while the LAN has some is a misconfiguration worth a
     * warning). Makes one trip to the I/O thread (at most 5 s).
     *
     * @return empty when discovery does not run or the torrent has no session
     * @since 2.2
     */
    default Optional<Integer> peersSeenByDiscovery(InfoHash infoHash) {
        return Optional.empty();
    }

    /**
     * Starts this node's session of the fleet's content swarm (docs/torrent-format.md, "The content swarm"), named
     * by the fleet key (or the keyless constant), or returns the running one.
     *
     * @since 2.3
     */
    default ContentSession startContent() {
        throw new UnsupportedOperationException("no content swarm in " + getClass().getName());
    }

    /** This node's 20-byte peer id, to announce to trackers. */
    byte[] peerId();
}
