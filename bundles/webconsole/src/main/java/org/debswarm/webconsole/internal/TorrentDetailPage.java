package org.debswarm.webconsole.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.debswarm.stats.Figures;
import org.debswarm.stats.PeerFigures;
import org.debswarm.stats.StatsView;
import org.debswarm.stats.TorrentFigures;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.TorrentRegistry;

/** One torrent: what the registry and the statistics know, its peers, and the actions on it. */
final class TorrentDetailPage {

    static final String[] ACTIONS = {"stop", "start", "forget"};
    static final String ACTIONS_UNAVAILABLE = "Stop, start and forget are disabled: the torrent registry offers"
            + " no per-torrent control (it can only remove a whole Packages source), and this page is not yet"
            + " wired to a peer-wire control service.";

    private TorrentDetailPage() {
    }

    static String render(TorrentRegistry registry, StatsView stats, String root, String infoHash, FormToken token,
            Instant now) {
        Html html = Page.start();
        html.raw("<p><a href='").text(root).raw("'>All torrents</a></p>");
        InfoHash hash = parse(infoHash);
        if (hash == null) {
            html.notice("Not an info hash: " + infoHash + " (expected: 40 hexadecimal digits).");
            return Page.end(html);
        }
        String hex = hash.toHex();
        Optional<PackagesTorrent> torrent = registry == null ? Optional.empty() : registry.find(hash);
        Optional<TorrentFigures> figures = stats == null ? Optional.empty() : stats.torrent(hex);
        if (torrent.isEmpty() && figures.isEmpty()) {
            html.notice("No torrent " + hex + " is registered or has figures"
                    + (registry == null || stats == null ? " (a service is not running)." : "."));
            return Page.end(html);
        }
        html.element("h2", TorrentSummary.displayName(torrent.map(PackagesTorrent::name).orElse(""), figures));
        html.raw("<table>").row(true, "Info hash", hex);
        torrent.map(t -> TorrentSummary.of(t, registry)).ifPresentOrElse(s -> html
                .row(true, "Status", s.statusText())
                .row(true, "Files", Format.count(s.files()))
                .row(true, "Files wanted by apt, stored", s.wanted() + ", " + s.wantedStored())
                .row(true, "Bytes stored", Format.bytes(s.bytesStored()) + " of " + Format.bytes(s.totalBytes())),
                () -> html.row(true, "Status", registry == null ? "unknown (registry not running)" : "not registered"));
        figures.ifPresent(f -> figures(html, f));
        html.raw("</table>");
        actions(html, root, hex, token);
        peers(html, stats, hex, now);
        return Page.end(html);
    }

    private static InfoHash parse(String infoHash) {
        try {
            return InfoHash.fromHex(infoHash);
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

    private static void actions(Html html, String root, String hex, FormToken token) {
        html.element("h2", "Actions");
        for (String action : ACTIONS) {
            html.raw("<form method='post' action='").text(root).raw("'>")
                    .raw("<input type='hidden' name='torrent' value='").text(hex).raw("'>")
                    .raw("<input type='hidden' name='action' value='").text(action).raw("'>")
                    .raw("<input type='hidden' name='" + FormToken.PARAMETER + "' value='").text(token.value())
                    .raw("'><button type='submit' disabled>").text(action).raw("</button></form> ");
        }
        html.notice(ACTIONS_UNAVAILABLE);
    }

    private static void peers(Html html, StatsView stats, String hex, Instant now) {
        html.element("h2", "Peers");
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
