package org.debswarm.webconsole.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.debswarm.node.NodeTorrent;
import org.debswarm.peerwire.PeerWire;
import org.debswarm.peerwire.SessionSnapshot;
import org.debswarm.node.TorrentActions;
import org.debswarm.stats.SwarmCompletion;
import org.debswarm.stats.StatsView;
import org.debswarm.stats.TorrentFigures;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.TorrentRegistry;

/**
 * The tables of torrents: the registry's Packages torrents (those an administrator forgot left out), the standard
 * torrents of the node's torrent folder, then torrents only the statistics know; each with its state on the node
 * and its figures.
 */
final class TorrentListPage {

    static final int MAX_ROWS = 500;
    private static final String[] COLUMNS = {"Name", "Status", "Files stored / wanted", "Bytes stored",
        "Swarm completion", "Peers", "From peers", "From mirrors", "Uploaded", "Rates down peers / mirrors, up"};

    private TorrentListPage() {
    }

    static String render(TorrentsPlugin.Services services, String root) {
        TorrentRegistry registry = services.registry();
        StatsView stats = services.stats();
        Html html = Page.start();
        if (stats == null) {
            html.notice("The statistics service is not running: figures, swarm completion and peers are missing.");
        }
        Set<String> shown = new HashSet<>();
        html.element("h2", "Registered torrents");
        if (registry == null) {
            html.notice("The torrent registry (bundle org.debswarm.torrent) is not running.");
        } else {
            registered(html, services, root, shown);
        }
        standard(html, services, root, shown);
        if (stats != null) {
            unregistered(html, stats, root, shown);
        }
        return Page.end(html);
    }

    private static void registered(Html html, TorrentsPlugin.Services services, String root, Set<String> shown) {
        TorrentRegistry registry = services.registry();
        TorrentActions actions = services.actions();
        List<PackagesTorrent> torrents = registry.torrents().stream().filter(t -> !forgotten(actions, t)).toList();
        long forgotten = registry.torrents().size() - torrents.size();
        if (forgotten > 0) {
            html.notice(forgotten + " forgotten Packages torrent(s) not listed; each returns when apt fetches a new"
                    + " version of its Packages file.");
        }
        if (torrents.isEmpty()) {
            html.notice("No torrent is registered: apt has not fetched a Packages file through this node yet.");
            return;
        }
        html.raw("<table>").headings(COLUMNS);
        for (PackagesTorrent torrent : torrents.subList(0, Math.min(MAX_ROWS, torrents.size()))) {
            TorrentSummary s = TorrentSummary.of(torrent, registry);
            Optional<TorrentFigures> figures = figures(services.stats(), s.infoHash());
            shown.add(s.infoHash());
            html.raw("<tr>");
            nameCell(html, root, s.infoHash(), TorrentSummary.displayName(s.name(), figures));
            cells(html, s.statusText() + nodeState(actions, torrent.infoHash()), s.wantedStored() + " / " + s.wanted() + " (of " + Format.count(s.files()) + ")",
                    Format.bytes(s.bytesStored()) + " of " + Format.bytes(s.totalBytes()));
            figureCells(html, figures);
            html.raw("</tr>");
        }
        html.raw("</table>");
    }

    private static boolean forgotten(TorrentActions actions, PackagesTorrent torrent) {
        return actions != null && actions.torrent(torrent.infoHash())
                .filter(t -> t.state() == NodeTorrent.State.FORGOTTEN).isPresent();
    }

    private static String nodeState(TorrentActions actions, org.debswarm.torrent.InfoHash hash) {
        return actions == null ? "" : actions.torrent(hash).map(t -> ", " + ActionsSection.stateText(t.state()))
                .orElse(", not run by the node");
    }

    private static Optional<TorrentFigures> figures(StatsView stats, String hex) {
        return stats == null ? Optional.empty() : stats.torrent(hex);
    }

    /** The .torrent files of the node's torrent folder. */
    private static void standard(Html html, TorrentsPlugin.Services services, String root, Set<String> shown) {
        html.element("h2", "Standard torrents (the node's torrents/ folder)");
        if (services.actions() == null) {
            html.notice("The node's torrent actions (bundle org.debswarm.node) are not running: standard"
                    + " torrents are not listed.");
            return;
        }
        List<NodeTorrent> torrents = services.actions().torrents().stream()
                .filter(t -> t.kind() == NodeTorrent.Kind.STANDARD).limit(MAX_ROWS).toList();
        if (torrents.isEmpty()) {
            html.notice("No .torrent file is in the node's torrents/ folder.");
            return;
        }
        html.raw("<table>").headings(COLUMNS);
        for (NodeTorrent t : torrents) {
            String hex = t.infoHash().toHex();
            Optional<TorrentFigures> figures = figures(services.stats(), hex);
            Optional<SessionSnapshot> session = snapshot(services.peerWire(), t);
            shown.add(hex);
            html.raw("<tr>");
            nameCell(html, root, hex, TorrentSummary.displayName(t.name(), figures));
            cells(html, "standard, " + ActionsSection.stateText(t.state()),
                    session.map(s -> s.piecesHad() + " / " + s.pieceCount() + " pieces").orElse(""),
                    session.map(s -> Format.bytes(s.bytesHad()) + " of " + Format.bytes(s.totalBytes())).orElse(""));
            figureCells(html, figures);
            html.raw("</tr>");
        }
        html.raw("</table>");
    }

    private static Optional<SessionSnapshot> snapshot(PeerWire peerWire, NodeTorrent t) {
        return peerWire == null || t.state() != NodeTorrent.State.RUNNING ? Optional.empty()
                : peerWire.snapshot(t.infoHash());
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
