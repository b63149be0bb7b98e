package org.debswarm.webconsole.internal;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.debswarm.peerwire.PeerSnapshot;
import org.debswarm.peerwire.PeerWire;
import org.debswarm.peerwire.SessionSnapshot;
import org.debswarm.stats.PeerFigures;
import org.debswarm.stats.StatsView;

/**
 * The peers connected now, from the peer wire's session snapshot: address, client, bytes both ways in this
 * connection and in total for the peer id (from the statistics, over every torrent), current rates, and how
 * much of the torrent the peer has.
 */
final class LivePeersTable {

    private LivePeersTable() {
    }

    static void render(Html html, PeerWire peerWire, StatsView stats, Optional<SessionSnapshot> session) {
        html.element("h2", "Connected peers");
        if (peerWire == null) {
            html.notice("The peer wire (bundle org.debswarm.peerwire) is not running: no live peers.");
            return;
        }
        if (session.isEmpty()) {
            html.notice("No session of this torrent runs: no peer is connected.");
            return;
        }
        List<PeerSnapshot> peers = session.get().peers();
        if (peers.isEmpty()) {
            html.notice("No peer is connected to this torrent now.");
            return;
        }
        Map<String, PeerFigures> totals = totals(stats);
        long size = session.get().totalBytes();
        html.raw("<table class='dsw-live'>").headings("Address", "Client", "Peer id", "Direction",
                "Down / up, this connection", "Down / up, total for the peer id", "Rates down / up", "Has");
        for (PeerSnapshot p : peers.subList(0, Math.min(TorrentListPage.MAX_ROWS, peers.size()))) {
            PeerFigures total = totals.get(p.peerId().toLowerCase(Locale.ROOT));
            html.row(false, address(p.address()), p.client(), p.peerId(), p.incoming() ? "in" : "out",
                    Format.bytes(p.downloaded()) + " / " + Format.bytes(p.uploaded()),
                    total == null ? "not recorded" : Format.bytes(total.downloaded()) + " / "
                            + Format.bytes(total.uploaded()),
                    Format.rate(p.downloadRate()) + " / " + Format.rate(p.uploadRate()),
                    Format.bytes(p.bytesHad()) + " (" + Format.percent(size == 0 ? 0 : (double) p.bytesHad() / size)
                            + ")");
        }
        html.raw("</table>");
    }

    static String address(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static Map<String, PeerFigures> totals(StatsView stats) {
        Map<String, PeerFigures> byId = new HashMap<>();
        if (stats != null) {
            stats.peerTotals().forEach(p -> byId.put(p.peerId().toLowerCase(Locale.ROOT), p));
        }
        return byId;
    }
}
