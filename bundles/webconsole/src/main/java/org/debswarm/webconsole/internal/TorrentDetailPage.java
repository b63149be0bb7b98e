package org.debswarm.webconsole.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.debswarm.node.NodeTorrent;
import org.debswarm.peerwire.SessionSnapshot;
import org.debswarm.stats.Figures;
import org.debswarm.stats.PeerFigures;
import org.debswarm.stats.StatsView;
import org.debswarm.stats.TorrentFigures;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.TorrentRegistry;

/** One torrent: what the registry, the node and the statistics know, its live peers, and the actions on it. */
final class TorrentDetailPage {

    static final String ACTIONS_UNAVAILABLE = "Stop, start and forget are disabled: the node's torrent actions"
            + " (bundle org.debswarm.node) are not running.";

    private TorrentDetailPage() {
    }

    static String render(TorrentsPlugin.Services services, String root, String infoHash, String done,
            FormToken token, Instant now) {
        Html html = Page.start();
        html.raw("<p><a href='").text(root).raw("'>All torrents</a></p>");
        InfoHash hash = parse(infoHash);
        if (hash == null) {
            html.notice("Not an info hash: " + infoHash + " (expected: 40 hexadecimal digits).");
            return Page.end(html);
        }
        String hex = hash.toHex();
        TorrentRegistry registry = services.registry();
        StatsView stats = services.stats();
        Optional<PackagesTorrent> torrent = registry == null ? Optional.empty() : registry.find(hash);
        Optional<TorrentFigures> figures = stats == null ? Optional.empty() : stats.torrent(hex);
        Optional<NodeTorrent> node = services.actions() == null ? Optional.empty() : services.actions().torrent(hash);
        Optional<SessionSnapshot> session = services.peerWire() == null ? Optional.empty()
                : services.peerWire().snapshot(hash);
        if (torrent.isEmpty() && figures.isEmpty() && node.isEmpty() && session.isEmpty()) {
            html.notice("No torrent " + hex + " is registered, run by the node or has figures"
                    + (registry == null || stats == null || services.actions() == null ? " (a service is not running)."
                            : "."));
            return Page.end(html);
        }
        String name = torrent.map(PackagesTorrent::name).or(() -> node.map(NodeTorrent::name))
                .or(() -> session.map(SessionSnapshot::name)).orElse("");
        html.element("h2", TorrentSummary.displayName(name, figures));
        if (done != null && ActionPost.ACTIONS.contains(done)) {
            html.raw("<p class='dsw-notice dsw-done'>").text(done + ": done. The torrent is now "
                    + node.map(t -> ActionsSection.stateText(t.state())).orElse("forgotten") + ".").raw("</p>");
        }
        html.raw("<table>").row(true, "Info hash", hex)
                .row(true, "State on this node", ActionsSection.stateText(node, services.actions() != null));
        torrent.map(t -> TorrentSummary.of(t, registry)).ifPresentOrElse(s -> html
                .row(true, "Registry status", s.statusText())
                .row(true, "Files", Format.count(s.files()))
                .row(true, "Files wanted by apt, stored", s.wanted() + ", " + s.wantedStored())
                .row(true, "Bytes stored", Format.bytes(s.bytesStored()) + " of " + Format.bytes(s.totalBytes())),
                () -> html.row(true, "Registry status", registry == null ? "unknown (registry not running)"
                        : node.map(t -> t.kind() == NodeTorrent.Kind.STANDARD ? "a standard .torrent (not a Packages"
                                + " torrent)" : "not registered").orElse("not registered")));
        session.ifPresent(s -> html.row(true, "Bytes had (session)", Format.bytes(s.bytesHad()) + " of "
                + Format.bytes(s.totalBytes())));
        figures.ifPresent(f -> figures(html, f));
        html.raw("</table>");
        ActionsSection.render(html, root, hex, token, services.actions(), node);
        LivePeersTable.render(html, services.peerWire(), stats, session);
        peers(html, stats, hex, now);
        return Page.end(html);
    }

    static InfoHash parse(String infoHash) {
        try {
            return infoHash == null ? null : InfoHash.fromHex(infoHash);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static void figures(Html html, TorrentFigures t) {
        Figures f = t.figures();
        html.raw("<tr><th>Swarm completion</th><td>");
        TorrentListPage.swarm(html, t.swarm());
        html.raw("</td></tr>")
                .row(true, "Connected peers", Format.count(t.connectedPeers()))
                .row(true, "Downloaded from peers", Format.bytes(f.fromPeers()))
                .row(true, "Downloaded from mirrors", Format.bytes(f.fromMirrors()));
        f.fromMirrorHosts().forEach((host, bytes) -> html.row(true, "\u2003from " + host, Format.bytes(bytes)));
        html.row(true, "Uploaded to peers", Format.bytes(f.uploaded()))
                .row(true, "Served to apt", Format.bytes(f.servedToApt()))
                .row(true, "Files served from the store / fetched",
                        Format.count(f.filesFromStore()) + " / " + Format.count(f.filesFetched()))
                .row(true, "Verification failures", Format.count(f.verificationFailures()))
                .row(true, "Peers banned", Format.count(f.bans()))
                .row(true, "Rates down peers / mirrors, up", Format.rate(t.rates().fromPeers()) + " / "
                        + Format.rate(t.rates().fromMirrors()) + ", " + Format.rate(t.rates().uploaded()))
                .row(true, "Last activity", Format.time(t.lastActivity()));
    }

    private static void peers(Html html, StatsView stats, String hex, Instant now) {
        html.element("h2", "Peers recorded by the statistics");
        if (stats == null) {
            html.notice("The statistics service is not running: no peer figures.");
            return;
        }
        List<PeerFigures> peers = stats.peers(hex);
        if (peers.isEmpty()) {
            html.notice("No peer has exchanged data for this torrent.");
            return;
        }
        html.raw("<table>").headings("Peer id", "Client", "Connected", "Downloaded from", "Uploaded to",
                "Verification failures", "Bans", "Last activity");
        for (PeerFigures p : peers.subList(0, Math.min(TorrentListPage.MAX_ROWS, peers.size()))) {
            html.row(false, p.peerId(), p.clientName(), p.connected() ? "yes" : "no", Format.bytes(p.downloaded()),
                    Format.bytes(p.uploaded()), Format.count(p.verificationFailures()), Format.count(p.bans()),
                    Format.ago(p.lastActivity(), now));
        }
        html.raw("</table>");
    }
}
