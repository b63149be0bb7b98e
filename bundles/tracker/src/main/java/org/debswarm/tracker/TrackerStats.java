package org.debswarm.tracker;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the tracker knows right now: live swarms and the totals kept across restarts.
 *
 * <p>Registered as an OSGi service by the tracker bundle. Every call returns a consistent snapshot per torrent
 * taken from memory; it never touches the database, so it is cheap enough for a page refresh. Info hashes are
 * 40 lower-case hexadecimal digits (the 20 raw bytes of
 * <a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3</a>).
 */
@ProviderType
public interface TrackerStats {

    /** Sums over every torrent the tracker currently holds. */
    TrackerTotals totals();

    /** Every torrent the tracker currently holds, most peers first, then by info hash. */
    List<TorrentStats> torrents();

    /**
     * One torrent.
     *
     * @param infoHashHex 40 hexadecimal digits, either case
     * @return the torrent, or empty when the tracker holds no such torrent or the argument is not an info hash
     */
    Optional<TorrentStats> torrent(String infoHashHex);

    /**
     * The live peers of one torrent (those that announced within the announce interval plus the expiry margin).
     *
     * @param infoHashHex 40 hexadecimal digits, either case
     * @return the peers, most recent announce first; empty when there is no such torrent
     */
    List<PeerStats> peers(String infoHashHex);
}
