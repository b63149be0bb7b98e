package org.debswarm.webconsole.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import org.debswarm.aptlistener.IndexParseCounts;
import org.debswarm.governor.GovernorStats;
import org.debswarm.governor.HostStats;
import org.debswarm.stats.Figures;
import org.debswarm.stats.NodeFigures;
import org.debswarm.stats.PeerFigures;
import org.debswarm.stats.StatsView;
import org.debswarm.stats.TorrentFigures;
import org.debswarm.storage.StoreUsage;

/**
 * The node's statistics and the governor's counters as Prometheus text. Node totals, per torrent (label
 * {@code torrent}, the info hash; names in {@code debswarm_torrent_info}), per peer summed over torrents
 * (label {@code peer}, at most {@value #MAX_PEERS}, most bytes first) and per mirror host (label
 * {@code mirror}), and the apt listener's index reading since it started. A missing service shows as
 * {@code debswarm_stats_up 0}, {@code debswarm_governor_up 0} or {@code debswarm_aptlistener_up 0}.
 */
final class MetricsText {

    /** Peers beyond this many (ordered by bytes) are left out, to bound the series a scraper keeps. */
    static final int MAX_PEERS = 1000;

    private MetricsText() {
    }

    static String render(StatsView stats, GovernorStats governor) {
        return render(stats, governor, null);
    }

    /** @param parses the apt listener's counts, null when it is not running */
    static String render(StatsView stats, GovernorStats governor, IndexParseCounts parses) {
        return render(stats, governor, parses, Optional.empty());
    }

    /**
     * @param store the store's use against its limits: empty to leave the store's families out, an empty
     *              {@code Optional} inside when the store is not running ({@code debswarm_store_up 0})
     */
    static String render(StatsView stats, GovernorStats governor, IndexParseCounts parses,
            Optional<Optional<StoreUsage>> store) {
        PrometheusText out = render(stats, governor, parses, new PrometheusText());
        store.ifPresent(usage -> StoreMetrics.write(out, usage));
        return out.toString();
    }

    private static PrometheusText render(StatsView stats, GovernorStats governor, IndexParseCounts parses,
            PrometheusText out) {
        out.family("debswarm_stats_up", "gauge", "Whether the statistics service is available (1) or not (0).")
                .sample("debswarm_stats_up", stats == null ? 0 : 1);
        out.family("debswarm_governor_up", "gauge", "Whether the mirror governor is available (1) or not (0).")
                .sample("debswarm_governor_up", governor == null ? 0 : 1);
        if (stats != null) {
            node(out, stats.node());
            torrents(out, stats.torrents());
            peers(out, stats.peerTotals());
        }
        if (governor != null) {
            governor(out, governor);
        }
        out.family("debswarm_aptlistener_up", "gauge", "Whether the apt listener is available (1) or not (0).")
                .sample("debswarm_aptlistener_up", parses == null ? 0 : 1);
        if (parses != null) {
            indexReading(out, parses);
        }
        return out;
    }

    private static void indexReading(PrometheusText out, IndexParseCounts p) {
        out.family("debswarm_apt_indices_parsed_total", "counter",
                "Packages and Sources indices parsed into the catalog, since the apt listener started.")
                .sample("debswarm_apt_indices_parsed_total", p.packagesParsed(), "kind", "packages")
                .sample("debswarm_apt_indices_parsed_total", p.sourcesParsed(), "kind", "sources");
        counter(out, "debswarm_apt_releases_read_total",
                "Release and InRelease files read and their signature checked, since the apt listener started.",
                p.releasesRead());
        out.family("debswarm_apt_unchanged_total", "counter",
                "Indices and Release files that passed again with content already read, and were not read again.")
                .sample("debswarm_apt_unchanged_total", p.unchangedIndices(), "kind", "index")
                .sample("debswarm_apt_unchanged_total", p.unchangedReleases(), "kind", "release");
    }

    private static void node(PrometheusText out, NodeFigures node) {
        Figures f = node.figures();
        counter(out, "debswarm_from_peers_bytes_total", "Piece bytes received from peers.", f.fromPeers());
        counter(out, "debswarm_from_mirrors_bytes_total", "Body bytes received from mirrors, all hosts.",
                f.fromMirrors());
        counter(out, "debswarm_uploaded_bytes_total", "Piece bytes sent to peers.", f.uploaded());
        counter(out, "debswarm_served_to_apt_bytes_total", "Body bytes sent to apt.", f.servedToApt());
        out.family("debswarm_files_served_total", "counter", "Answers to apt, by where the file came from.")
                .sample("debswarm_files_served_total", f.filesFromStore(), "source", "store")
                .sample("debswarm_files_served_total", f.filesFetched(), "source", "fetched");
        counter(out, "debswarm_verification_failures_total", "Pieces that failed their hash check.",
                f.verificationFailures());
        counter(out, "debswarm_bans_total", "Peers banned.", f.bans());
        out.family("debswarm_mirror_bytes_total", "counter", "Body bytes received from each mirror host.");
        for (Map.Entry<String, Long> host : f.fromMirrorHosts().entrySet()) {
            out.sample("debswarm_mirror_bytes_total", host.getValue(), "mirror", host.getKey());
        }
        out.family("debswarm_torrents", "gauge", "Torrents with statistics.")
                .sample("debswarm_torrents", node.torrents());
        out.family("debswarm_connected_peers", "gauge", "Peer connections open now, over every torrent.")
                .sample("debswarm_connected_peers", node.connectedPeers());
    }

    private static void torrents(PrometheusText out, List<TorrentFigures> torrents) {
        out.family("debswarm_torrent_info", "gauge", "Name of each torrent; the value is always 1.");
        torrents.forEach(t -> out.sample("debswarm_torrent_info", 1, "torrent", t.infoHash(), "name", t.name()));
        perTorrent(out, torrents, "from_peers_bytes_total", "Piece bytes received from peers, per torrent.",
                t -> t.figures().fromPeers());
        perTorrent(out, torrents, "from_mirrors_bytes_total", "Body bytes received from mirrors, per torrent.",
                t -> t.figures().fromMirrors());
        perTorrent(out, torrents, "uploaded_bytes_total", "Piece bytes sent to peers, per torrent.",
                t -> t.figures().uploaded());
        perTorrent(out, torrents, "served_to_apt_bytes_total", "Body bytes sent to apt, per torrent.",
                t -> t.figures().servedToApt());
        perTorrent(out, torrents, "verification_failures_total", "Pieces that failed their hash check, per torrent.",
                t -> t.figures().verificationFailures());
        perTorrent(out, torrents, "connected_peers", "Peer connections open now, per torrent.",
                TorrentFigures::connectedPeers);
        perTorrent(out, torrents, "swarm_held_bytes", "Wanted bytes that this node or a connected peer holds.",
                t -> t.swarm().bytesHeldBySwarm());
        perTorrent(out, torrents, "swarm_wanted_bytes", "Bytes of the torrent considered for swarm completion.",
                t -> t.swarm().bytesWanted());
    }

    private static void perTorrent(PrometheusText out, List<TorrentFigures> torrents, String suffix, String help,
            ToDoubleFunction<TorrentFigures> value) {
        String name = "debswarm_torrent_" + suffix;
        out.family(name, suffix.endsWith("_total") ? "counter" : "gauge", help);
        torrents.forEach(t -> out.sample(name, value.applyAsDouble(t), "torrent", t.infoHash()));
    }

    private static void peers(PrometheusText out, List<PeerFigures> all) {
        List<PeerFigures> peers = all.subList(0, Math.min(all.size(), MAX_PEERS));
        out.family("debswarm_peer_info", "gauge", "Client name each peer last reported; the value is always 1.");
        peers.forEach(p -> out.sample("debswarm_peer_info", 1, "peer", p.peerId(), "client", p.clientName()));
        out.family("debswarm_peer_received_bytes_total", "counter", "Piece bytes received from each peer.");
        peers.forEach(p -> out.sample("debswarm_peer_received_bytes_total", p.downloaded(), "peer", p.peerId()));
        out.family("debswarm_peer_sent_bytes_total", "counter", "Piece bytes sent to each peer.");
        peers.forEach(p -> out.sample("debswarm_peer_sent_bytes_total", p.uploaded(), "peer", p.peerId()));
    }

    private static void governor(PrometheusText out, GovernorStats g) {
        out.family("debswarm_governor_limit", "gauge", "Configured limits of the mirror governor.")
                .sample("debswarm_governor_limit", g.maxConnectionsPerHost(), "limit", "connections_per_host")
                .sample("debswarm_governor_limit", g.maxConnectionsTotal(), "limit", "connections_total")
                .sample("debswarm_governor_limit", g.queueCapacity(), "limit", "queue_capacity");
        perHost(out, g, "active_connections", "gauge", "Exchanges in flight now.", HostStats::active);
        perHost(out, g, "queued_requests", "gauge", "Requests waiting for a connection now.", HostStats::queued);
        perHost(out, g, "requests_total", "counter", "Attempts sent, retries and redirects included.",
                HostStats::requests);
        perHost(out, g, "received_bytes_total", "counter", "Response body bytes received, as on the wire.",
                HostStats::bytes);
        perHost(out, g, "errors_total", "counter", "Attempts that failed.", HostStats::errors);
        perHost(out, g, "timeouts_total", "counter", "Failed attempts that were timeouts.", HostStats::timeouts);
    }

    private static void perHost(PrometheusText out, GovernorStats g, String suffix, String type, String help,
            ToDoubleFunction<HostStats> value) {
        String name = "debswarm_governor_" + suffix;
        out.family(name, type, help + (type.equals("counter") ? " Per mirror host, since the governor started."
                : " Per mirror host."));
        g.hosts().forEach(h -> out.sample(name, value.applyAsDouble(h), "mirror", h.host()));
    }

    private static void counter(PrometheusText out, String name, String help, long value) {
        out.family(name, "counter", help).sample(name, value);
    }
}
