package org.debswarm.tracker.internal;

import java.util.List;
import java.util.Optional;

import org.debswarm.tracker.PeerStats;
import org.debswarm.tracker.TorrentStats;
import org.debswarm.tracker.TrackerStats;
import org.debswarm.tracker.TrackerTotals;

/**
 * The plain HTML status page at {@code /}: totals and the busiest torrents, or one torrent's live peers. Every
 * value that came from a client (names, addresses) is escaped. A page, so longer than most classes.
 */
final class StatusPage {

    static final int MAX_ROWS = 500;

    private StatusPage() {
    }

    static RenderedPage render(TrackerStats stats, String infoHash) {
        if (infoHash == null) {
            return new RenderedPage(200, page("Debswarm tracker", overview(stats)));
        }
        Optional<TorrentStats> torrent = stats.torrent(infoHash);
        if (torrent.isEmpty()) {
            return new RenderedPage(404, page("Unknown torrent", "<p>No torrent " + escape(infoHash)
                    + " on this tracker. <a href=\"/\">All torrents</a></p>"));
        }
        return new RenderedPage(200, page("Torrent " + torrent.get().infoHash(),
                detail(torrent.get(), stats.peers(infoHash))));
    }

    private static String overview(TrackerStats stats) {
        TrackerTotals t = stats.totals();
        StringBuilder html = new StringBuilder();
        html.append("<p>").append(t.torrents()).append(" torrents, ").append(t.seeders()).append(" seeders, ")
                .append(t.leechers()).append(" leechers, ").append(t.completed()).append(" completed; peers report ")
                .append(bytes(t.uploaded())).append(" uploaded and ").append(bytes(t.downloaded()))
                .append(" downloaded. <a href=\"/stats.json\">JSON</a></p>\n");
        List<TorrentStats> torrents = stats.torrents();
        html.append("<table>\n<tr><th>Torrent</th><th>Name</th><th>Seeders</th><th>Leechers</th>"
                + "<th>Completed</th><th>Uploaded</th><th>Downloaded</th><th>Last announce</th></tr>\n");
        for (TorrentStats torrent : torrents.subList(0, Math.min(MAX_ROWS, torrents.size()))) {
            html.append("<tr><td><a href=\"/?info_hash=").append(torrent.infoHash()).append("\"><code>")
                    .append(torrent.infoHash()).append("</code></a></td>");
            cells(html, torrent.name(), torrent.seeders(), torrent.leechers(), torrent.completed(),
                    bytes(torrent.uploaded()), bytes(torrent.downloaded()), torrent.lastAnnounce());
        }
        html.append("</table>\n");
        if (torrents.size() > MAX_ROWS) {
            html.append("<p>").append(torrents.size() - MAX_ROWS).append(" more torrents with fewer peers.</p>\n");
        }
        return html.toString();
    }

    private static String detail(TorrentStats torrent, List<PeerStats> peers) {
        StringBuilder html = new StringBuilder();
        html.append("<p>").append(escape(torrent.name().isEmpty() ? "(no name)" : torrent.name())).append(": ")
                .append(torrent.seeders()).append(" seeders, ").append(torrent.leechers()).append(" leechers, ")
                .append(torrent.completed()).append(" completed, ").append(bytes(torrent.uploaded()))
                .append(" uploaded, ").append(bytes(torrent.downloaded()))
                .append(" downloaded. <a href=\"/\">All torrents</a></p>\n");
        html.append("<table>\n<tr><th>Peer id</th><th>Address</th><th>Port</th><th>Uploaded</th>"
                + "<th>Downloaded</th><th>Left</th><th>Event</th><th>Last announce</th></tr>\n");
        for (PeerStats peer : peers.subList(0, Math.min(MAX_ROWS, peers.size()))) {
            html.append("<tr><td><code>").append(peer.peerId()).append("</code></td>");
            cells(html, peer.ip(), peer.port(), bytes(peer.uploaded()), bytes(peer.downloaded()),
                    bytes(peer.left()), peer.event(), peer.lastAnnounce());
        }
        return html.append("</table>\n").toString();
    }

    private static void cells(StringBuilder html, Object... values) {
        for (Object value : values) {
            html.append("<td>").append(escape(String.valueOf(value))).append("</td>");
        }
        html.append("</tr>\n");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>\n"
                + "<style>body{font-family:sans-serif}table{border-collapse:collapse}"
                + "td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}</style></head>\n"
                + "<body><h1>" + escape(title) + "</h1>\n" + body + "</body></html>\n";
    }

    static String bytes(long count) {
        if (count < 1024) {
            return count + " B";
        }
        int unit = (63 - Long.numberOfLeadingZeros(count)) / 10;
        return String.format("%.1f %siB", count / Math.pow(1024, unit), "KMGTPE".charAt(unit - 1));
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
