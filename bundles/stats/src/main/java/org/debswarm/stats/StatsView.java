package org.debswarm.stats;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the statistics say now. Every call reads memory only (never the database) and returns immutable
 * values, so it is cheap enough for a page refresh. Figures count from the first start of the node, across
 * restarts; rates are measured over the last ten seconds or so.
 */
@ProviderType
public interface StatsView {

    /** Totals of the node, with its current rates. */
    NodeFigures node();

    /** Every torrent with figures, most recently active first. */
    List<TorrentFigures> torrents();

    /**
     * One torrent.
     *
     * @param infoHash 40 hexadecimal digits, either case
     * @return empty if nothing was recorded for it or the argument is not an info hash
     */
    Optional<TorrentFigures> torrent(String infoHash);

    /**
     * The peers recorded for one torrent, connected ones first, then most recently active.
     *
     * @param infoHash 40 hexadecimal digits, either case
     */
    List<PeerFigures> peers(String infoHash);

    /** Per peer id, summed over every torrent (with {@link PeerFigures#infoHash()} empty), most bytes first. */
    List<PeerFigures> peerTotals();

    /**
     * The rate history of the node, oldest first, ending with the current (partial) period:
     * {@link HistoryResolution#capacity()} points, periods without data (the node was down) as zeros.
     */
    List<RatePoint> history(HistoryResolution resolution);
}
