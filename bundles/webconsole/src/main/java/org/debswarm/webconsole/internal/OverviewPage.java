package org.debswarm.webconsole.internal;

import java.util.List;
import java.util.Map;

import org.debswarm.node.NodeWarning;

import org.debswarm.stats.Figures;
import org.debswarm.stats.HistoryResolution;
import org.debswarm.stats.NodeFigures;
import org.debswarm.stats.Rates;
import org.debswarm.stats.StatsView;

/** The overview: the node's totals, the share from peers, current rates and the charts of the last day and month. */
final class OverviewPage {

    private OverviewPage() {
    }

    static String render(StatsView stats) {
        return render(stats, List.of());
    }

    /** @param warnings the setup's traps that hold now, shown first */
    static String render(StatsView stats, List<NodeWarning> warnings) {
        Html html = Page.start();
        warnings(html, warnings);
        if (stats == null) {
            html.notice("The statistics service (bundle org.debswarm.stats) is not running: no figures to show."
                    + " The page fills in as soon as it is back.");
            return Page.end(html);
        }
        NodeFigures node = stats.node();
        Figures f = node.figures();
        html.element("h2", "Share of downloaded bytes from peers");
        Page.bar(html, f.peerShare());
        html.raw(" ").text(Format.bytes(f.fromPeers()) + " of " + Format.bytes(f.downloaded()));
        rates(html, node.rates());
        totals(html, node, f);
        mirrors(html, f.fromMirrorHosts());
        html.element("h2", "Last 24 hours");
        Chart.render(html, stats.history(HistoryResolution.MINUTE), HistoryResolution.MINUTE.period(), 5,
                "Bytes per second over the last 24 hours, in 5-minute steps");
        html.element("h2", "Last 30 days");
        Chart.render(html, stats.history(HistoryResolution.HOUR), HistoryResolution.HOUR.period(), 6,
                "Bytes per second over the last 30 days, in 6-hour steps");
        return Page.end(html);
    }

    /** Each trap as a notice of its own, with the setting to change; nothing at all when there is none. */
    private static void warnings(Html html, List<NodeWarning> warnings) {
        if (warnings.isEmpty()) {
            return;
        }
        html.element("h2", "Setup warnings");
        for (NodeWarning w : warnings) {
            html.raw("<p class='dsw-notice dsw-warning' data-key='").text(w.key()).raw("'>").text(w.text())
                    .raw(" <b>Change:</b> ").text(w.setting()).raw("</p>");
        }
    }

    private static void rates(Html html, Rates rates) {
        html.element("h2", "Current rates").raw("<table>")
                .row(true, "From peers", Format.rate(rates.fromPeers()))
                .row(true, "From mirrors", Format.rate(rates.fromMirrors()))
                .row(true, "Uploaded to peers", Format.rate(rates.uploaded()))
                .raw("</table>");
    }

    private static void totals(Html html, NodeFigures node, Figures f) {
        html.element("h2", "Totals since the first start").raw("<table>")
                .row(true, "Downloaded from peers", Format.bytes(f.fromPeers()))
                .row(true, "Downloaded from mirrors", Format.bytes(f.fromMirrors()))
                .row(true, "Uploaded to peers", Format.bytes(f.uploaded()))
                .row(true, "Served to apt", Format.bytes(f.servedToApt()))
                .row(true, "Files served from the store", Format.count(f.filesFromStore()))
                .row(true, "Files fetched for apt", Format.count(f.filesFetched()))
                .row(true, "Verification failures", Format.count(f.verificationFailures()))
                .row(true, "Peers banned", Format.count(f.bans()))
                .row(true, "Torrents with figures", Format.count(node.torrents()))
                .row(true, "Connected peers", Format.count(node.connectedPeers()))
                .raw("</table>");
    }

    private static void mirrors(Html html, Map<String, Long> hosts) {
        html.element("h2", "Downloaded per mirror host");
        if (hosts.isEmpty()) {
            html.notice("Nothing downloaded from a mirror yet.");
            return;
        }
        html.raw("<table>").headings("Host", "Bytes");
        hosts.forEach((host, bytes) -> html.row(false, host, Format.bytes(bytes)));
        html.raw("</table>");
    }

}
