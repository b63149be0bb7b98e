package org.debswarm.webconsole.internal;

import java.util.List;

import org.debswarm.tracker.TorrentStats;
import org.debswarm.tracker.TrackerStats;
import org.debswarm.tracker.TrackerTotals;

/** The built-in tracker: totals, then its torrents with seeders, leechers, completed, up and down. */
final class TrackerPage {

    static final int MAX_ROWS = 500;

    private TrackerPage() {
    }

    static String render(TrackerStats tracker) {
        Html html = Page.start();
        TrackerTotals t = tracker.totals();
        html.element("h2", "Totals").raw("<table>")
                .row(true, "Torrents", Format.count(t.torrents()))
                .row(true, "Seeders", Format.count(t.seeders()))
                .row(true, "Leechers", Format.count(t.leechers()))
                .row(true, "Completed", Format.count(t.completed()))
                .row(true, "Uploaded (as peers report)", Format.bytes(t.uploaded()))
                .row(true, "Downloaded (as peers report)", Format.bytes(t.downloaded()))
                .raw("</table>");
        List<TorrentStats> torrents = tracker.torrents();
        html.element("h2", "Torrents");
        if (torrents.isEmpty()) {
            html.notice("No torrent has been announced to this tracker yet.");
            return Page.end(html);
        }
        html.raw("<table>").headings("Name", "Info hash", "Seeders", "Leechers", "Completed", "Uploaded",
                "Downloaded", "Last announce");
        for (TorrentStats s : torrents.subList(0, Math.min(MAX_ROWS, torrents.size()))) {
            html.row(false, s.name().isEmpty() ? "(unnamed)" : s.name(), s.infoHash(), Format.count(s.seeders()),
                    Format.count(s.leechers()), Format.count(s.completed()), Format.bytes(s.uploaded()),
                    Format.bytes(s.downloaded()), Format.time(s.lastAnnounce()));
        }
        html.raw("</table>");
        if (torrents.size() > MAX_ROWS) {
            html.notice("Showing the " + MAX_ROWS + " torrents with the most peers of " + torrents.size() + ".");
        }
        return Page.end(html);
    }
}
