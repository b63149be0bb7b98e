package org.debswarm.webconsole.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.debswarm.stats.SwarmCompletion;
import org.debswarm.stats.StatsView;
import org.debswarm.stats.TorrentFigures;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.TorrentRegistry;

/** The table of torrents: the registry's torrents with their figures, then torrents only the statistics know. */
final class TorrentListPage {

    static final int MAX_ROWS = 500;
    private static final String[] COLUMNS = {"Name", "Status", "Files stored / wanted", "Bytes stored",
        "Swarm completion", "Peers", "From peers", "From mirrors", "Uploaded", "Rates down peers / mirrors, up"};

    private TorrentListPage() {
    }

    static String render(TorrentRegistry registry, StatsView stats, String root) {
        Html html = Page.start();
        if (stats == null) {
            html.notice("The statistics service is not running: figures, swarm completion and peers are missing.");
        }
        Set<String> shown = new HashSet<>();
        html.element("h2", "Registered torrents");
        if (registry == null) {
            html.notice("The torrent registry (bundle org.debswarm.torrent) is not running.");
        } else {
            registered(html, registry, stats, root, shown);
        }
        if (stats != null) {
            unregistered(html, stats, root, shown);
        }
        return Page.end(html);
    }

    private static void registered(Html html, TorrentRegistry registry, StatsView stats, String root,
            Set<String> shown) {
        List<PackagesTorrent> torrents = registry.torrents();
        if (torrents.isEmpty()) {
            html.notice("No torrent is registered: apt has not fetched a Packages file through this node yet.");
            return;
        }
        html.raw("<table>").headings(COLUMNS);
        for (PackagesTorrent torrent : torrents.subList(0, Math.min(MAX_ROWS, torrents.size()))) {
            TorrentSummary s = TorrentSummary.of(torrent, registry);
            Optional<TorrentFigures> figures = stats == null ? Optional.empty() : stats.torrent(s.infoHash());
            shown.add(s.infoHash());
            html.raw("<tr>");
            nameCell(html, root, s.infoHash(), TorrentSummary.displayName(s.name(), figures));
            cells(html, s.statusText(), s.wantedStored() + " / " + s.wanted() + " (of " + Format.count(s.files()) + ")",
                    Format.bytes(s.bytesStored()) + " of " + Format.bytes(s.totalBytes()));
            figureCells(html, figures);
            html.raw("</tr>");
        }
        html.raw("</table>");
    }

    private static void unregistered(Html html, StatsView stats, String root, Set<String> shown) {
        List<TorrentFigures> others = stats.torrents().stream().filter(t -> !shown.contains(t.infoHash()))
                .limit(MAX_ROWS).toList();
        if (others.isEmpty()) {
            return;
        }
        html.element("h2", "Torrents with figures that are no longer registered").raw("<table>").headings(COLUMNS);
        for (TorrentFigures t : others) {
            html.raw("<tr>");
            nameCell(html, root, t.infoHash(), TorrentSummary.displayName("", Optional.of(t)));
            cells(html, "not registered", "", "");
            figureCells(html, Optional.of(t));
            html.raw("</tr>");
        }
        html.raw("</table>");
    }

    static void nameCell(Html html, String root, String infoHash, String name) {
        html.raw("<td><a href='").text(root + "?torrent=" + infoHash).raw("'>").text(name).raw("</a><br><code>")
                .text(infoHash).raw("</code></td>");
    }

    private static void cells(Html html, Object... values) {
        for (Object value : values) {
            html.element("td", value);
        }
    }

    private static void figureCells(Html html, Optional<TorrentFigures> figures) {
        if (figures.isEmpty()) {
            cells(html, "unknown", "", "", "", "", "");
            return;
        }
        TorrentFigures t = figures.get();
        html.raw("<td>");
        swarm(html, t.swarm());
        html.raw("</td>");
        cells(html, Format.count(t.connectedPeers()), Format.bytes(t.figures().fromPeers()),
                Format.bytes(t.figures().fromMirrors()), Format.bytes(t.figures().uploaded()),
                Format.rate(t.rates().fromPeers()) + " / " + Format.rate(t.rates().fromMirrors()) + ", "
                        + Format.rate(t.rates().uploaded()));
    }

    static void swarm(Html html, SwarmCompletion swarm) {
        if (!swarm.known()) {
            html.text("not reported");
            return;
        }
        Page.bar(html, swarm.fraction());
        html.raw("<br>").text(Format.bytes(swarm.bytesHeldBySwarm()) + " of " + Format.bytes(swarm.bytesWanted()));
    }
}
