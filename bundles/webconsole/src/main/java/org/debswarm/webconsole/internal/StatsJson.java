package org.debswarm.webconsole.internal;

import java.util.List;
import java.util.Map;

import org.debswarm.aptlistener.IndexParseCounts;
import org.debswarm.governor.GovernorStats;
import org.debswarm.governor.HostStats;
import org.debswarm.node.NodeWarning;
import org.debswarm.peerwire.PeerSnapshot;
import org.debswarm.peerwire.SessionSnapshot;
import org.debswarm.stats.Figures;
import org.debswarm.stats.NodeFigures;
import org.debswarm.stats.PeerFigures;
import org.debswarm.stats.Rates;
import org.debswarm.stats.StatsView;
import org.debswarm.stats.TorrentFigures;

/**
 * The statistics as one JSON document for scripts: {@code node}, {@code torrents}, {@code peers} (summed over
 * torrents, at most {@link MetricsText#MAX_PEERS}), {@code governor}, and {@code sessions}: the running sessions
 * of the peer wire with their connected peers' live figures (address, client, bytes both ways in this connection,
 * rates, bytes of the torrent the peer has), and {@code indexParses}: the apt listener's index reading since it
 * started ({@code packagesParsed}, {@code sourcesParsed}, {@code releasesRead}, {@code unchangedIndices},
 * {@code unchangedReleases}), after {@code aptListenerAvailable}, and last {@code warnings}: the setup's traps that hold
 * now, each with {@code key}, {@code text} and {@code setting} (docs/fleet.md, "Traps"; empty when none). A missing service is {@code null} (and an empty
 * list), with {@code statsAvailable} / {@code governorAvailable} / {@code peerWireAvailable} /
 * {@code aptListenerAvailable} saying so. Bytes are integers, rates bytes per second, times ISO-8601 UTC or
 * {@code null} for never.
 */
final class StatsJson {

    private StatsJson() {
    }

    static String render(StatsView stats, GovernorStats governor) {
        return render(stats, governor, null);
    }

    static String render(StatsView stats, GovernorStats governor, List<SessionSnapshot> sessions) {
        return render(stats, governor, sessions, null);
    }

    /**
     * @param sessions the peer wire's sessions, null when it is not running
     * @param parses the apt listener's counts, null when it is not running
     */
    static String render(StatsView stats, GovernorStats governor, List<SessionSnapshot> sessions,
            IndexParseCounts parses) {
        return render(stats, governor, sessions, parses, List.of());
    }

    /** @param warnings the setup's traps that hold now (docs/fleet.md, "Traps"), last in the document */
    static String render(StatsView stats, GovernorStats governor, List<SessionSnapshot> sessions,
            IndexParseCounts parses, List<NodeWarning> warnings) {
        Json json = new Json().begin()
                .field("statsAvailable", stats != null)
                .field("governorAvailable", governor != null)
                .field("peerWireAvailable", sessions != null);
        if (stats == null) {
            json.nullField("node").beginArray("torrents").endArray().beginArray("peers").endArray();
        } else {
            node(json.key("node"), stats.node());
            json.beginArray("torrents");
            stats.torrents().forEach(t -> torrent(json, t));
            json.endArray().beginArray("peers");
            List<PeerFigures> peers = stats.peerTotals();
            peers.subList(0, Math.min(peers.size(), MetricsText.MAX_PEERS)).forEach(p -> peer(json, p));
            json.endArray();
        }
        if (governor == null) {
            json.nullField("governor");
        } else {
            governor(json.key("governor"), governor);
        }
        json.beginArray("sessions");
        if (sessions != null) {
            sessions.forEach(session -> session(json, session));
        }
        // last, so that the document begins as it did before the apt listener's counts were added
        json.endArray().field("aptListenerAvailable", parses != null);
        if (parses == null) {
            json.nullField("indexParses");
        } else {
            json.key("indexParses").begin().field("packagesParsed", parses.packagesParsed())
                    .field("sourcesParsed", parses.sourcesParsed()).field("releasesRead", parses.releasesRead())
                    .field("unchangedIndices", parses.unchangedIndices())
                    .field("unchangedReleases", parses.unchangedReleases()).end();
        }
        json.beginArray("warnings");
        warnings.forEach(w -> json.begin().field("key", w.key()).field("text", w.text())
                .field("setting", w.setting()).end());
        return json.endArray().end().toString() + "\n";
    }

    private static void session(Json json, SessionSnapshot s) {
        json.begin().field("infoHash", s.infoHash().toHex()).field("name", s.name())
                .field("totalBytes", s.totalBytes()).field("bytesHad", s.bytesHad())
                .field("uploaded", s.uploaded()).field("downloaded", s.downloaded())
                .field("uploadRate", s.uploadRate()).field("downloadRate", s.downloadRate());
        json.beginArray("peers");
        for (PeerSnapshot p : s.peers().subList(0, Math.min(s.peers().size(), MetricsText.MAX_PEERS))) {
            json.begin().field("peerId", p.peerId()).field("address", LivePeersTable.address(p.address()))
                    .field("client", p.client()).field("incoming", p.incoming())
                    .field("downloaded", p.downloaded()).field("uploaded", p.uploaded())
                    .field("downloadRate", p.downloadRate()).field("uploadRate", p.uploadRate())
                    .field("bytesHad", p.bytesHad()).field("piecesHad", p.piecesHad()).end();
        }
        json.endArray().end();
    }

    private static void node(Json json, NodeFigures node) {
        json.begin();
        figures(json, node.figures());
        rates(json, node.rates());
        json.field("torrents", node.torrents()).field("connectedPeers", node.connectedPeers()).end();
    }

    private static void torrent(Json json, TorrentFigures t) {
        json.begin().field("infoHash", t.infoHash()).field("name", t.name());
        figures(json, t.figures());
        rates(json, t.rates());
        json.key("swarm").begin()
                .field("bytesHeld", t.swarm().bytesHeldBySwarm())
                .field("bytesWanted", t.swarm().bytesWanted())
                .field("reportedAt", t.swarm().reportedAt())
                .end();
        json.field("connectedPeers", t.connectedPeers()).field("lastActivity", t.lastActivity()).end();
    }

    private static void figures(Json json, Figures f) {
        json.field("fromPeers", f.fromPeers()).field("fromMirrors", f.fromMirrors())
                .field("uploaded", f.uploaded()).field("servedToApt", f.servedToApt())
                .field("filesFromStore", f.filesFromStore()).field("filesFetched", f.filesFetched())
                .field("verificationFailures", f.verificationFailures()).field("bans", f.bans())
                .field("peerShare", f.peerShare());
        json.key("fromMirrorHosts").begin();
        for (Map.Entry<String, Long> host : f.fromMirrorHosts().entrySet()) {
            json.field(host.getKey(), host.getValue());
        }
        json.end();
    }

    private static void rates(Json json, Rates r) {
        json.key("rates").begin().field("fromPeers", r.fromPeers()).field("fromMirrors", r.fromMirrors())
                .field("uploaded", r.uploaded()).end();
    }

    private static void peer(Json json, PeerFigures p) {
        json.begin().field("peerId", p.peerId()).field("clientName", p.clientName())
                .field("downloaded", p.downloaded()).field("uploaded", p.uploaded())
                .field("verificationFailures", p.verificationFailures()).field("bans", p.bans())
                .field("connected", p.connected()).field("lastActivity", p.lastActivity()).end();
    }

    private static void governor(Json json, GovernorStats g) {
        json.begin().field("takenAt", g.takenAt())
                .field("maxConnectionsPerHost", g.maxConnectionsPerHost())
                .field("maxConnectionsTotal", g.maxConnectionsTotal())
                .field("queueCapacity", g.queueCapacity());
        host(json.key("total"), g.total());
        json.beginArray("hosts");
        g.hosts().forEach(h -> host(json, h));
        json.endArray().end();
    }

    private static void host(Json json, HostStats h) {
        json.begin().field("host", h.host()).field("active", h.active()).field("queued", h.queued())
                .field("requests", h.requests()).field("bytes", h.bytes()).field("errors", h.errors())
                .field("timeouts", h.timeouts()).end();
    }
}
