package org.debswarm.webconsole.internal;

import java.util.ArrayList;
import java.util.List;

import org.debswarm.node.NodeWarning;
import org.debswarm.node.NodeWarnings;
import org.debswarm.tracker.PeerStats;
import org.debswarm.tracker.TorrentStats;
import org.debswarm.tracker.TrackerStats;

/**
 * Every trap of the setup that holds now (docs/fleet.md, "Traps"), for the overview and {@code stats.json}: the
 * node's own warnings ({@link NodeWarnings}) and one read from this host's tracker, which the node cannot see: a
 * peer that announced over loopback to a torrent that peers on other hosts announce to as well. The tracker
 * withholds that loopback address from them (and logs it once), so they never reach that peer; the usual cause
 * is the tracker's own host announcing to {@code 127.0.0.1}. It is read from the tracker's live peers, so it
 * goes away by itself once that peer announces from its LAN address or is gone.
 */
final class SetupWarnings {

    static final String LOOPBACK_PEER_KEY = "tracker-loopback-peer";
    /** Torrents of the tracker looked at, at most, per page: a bound on the work of one page view. */
    static final int MAX_TORRENTS = 1000;

    private SetupWarnings() {
    }

    /** @param node null when the node does not run; @param tracker null when this host runs no tracker */
    static List<NodeWarning> current(NodeWarnings node, TrackerStats tracker) {
        List<NodeWarning> warnings = new ArrayList<>();
        try {
            if (node != null) {
                warnings.addAll(node.current());
            }
            if (tracker != null) {
                loopbackPeer(tracker).ifPresent(warnings::add);
            }
        } catch (RuntimeException replacedMeanwhile) {
            // a service being replaced while we read counts as absent, as on the metrics page
        }
        return warnings;
    }

    private static java.util.Optional<NodeWarning> loopbackPeer(TrackerStats tracker) {
        List<TorrentStats> torrents = tracker.torrents();
        for (TorrentStats torrent : torrents.subList(0, Math.min(torrents.size(), MAX_TORRENTS))) {
            if (torrent.seeders() + torrent.leechers() < 2) {
                continue;
            }
            List<PeerStats> peers = tracker.peers(torrent.infoHash());
            PeerStats loopback = peers.stream().filter(p -> isLoopback(p.ip())).findFirst().orElse(null);
            long remote = peers.stream().filter(p -> !isLoopback(p.ip())).count();
            if (loopback != null && remote > 0) {
                return java.util.Optional.of(new NodeWarning(LOOPBACK_PEER_KEY, "This host's tracker has a peer that"
                        + " announced over loopback (" + loopback.ip() + ":" + loopback.port() + ") to "
                        + name(torrent) + ", which " + remote + " peer(s) on other hosts announce to as well: the"
                        + " tracker withholds that address from them, so they cannot reach it.",
                        "trackers (PID org.debswarm.node) on this host: the tracker's LAN address, not 127.0.0.1"));
            }
        }
        return java.util.Optional.empty();
    }

    private static String name(TorrentStats torrent) {
        return torrent.name().isBlank() ? "torrent " + torrent.infoHash() : torrent.name();
    }

    /** The tracker gives literal addresses, in dotted-quad or IPv6 text form. */
    static boolean isLoopback(String ip) {
        return ip.startsWith("127.") || ip.equals("::1") || ip.equals("0:0:0:0:0:0:0:1");
    }
}
