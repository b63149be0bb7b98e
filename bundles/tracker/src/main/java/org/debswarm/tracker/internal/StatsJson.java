package org.debswarm.tracker.internal;

import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

import org.debswarm.tracker.PeerStats;
import org.debswarm.tracker.TorrentStats;
import org.debswarm.tracker.TrackerStats;
import org.debswarm.tracker.TrackerTotals;

/**
 * {@code /stats.json}: {@code {"totals":{...},"torrents":[...]}}, or with {@code ?info_hash=}
 * {@code {"torrent":{...},"peers":[...]}} (404 with {@code {"error":...}} when unknown).
 */
final class StatsJson {

    private StatsJson() {
    }

    static RenderedPage render(TrackerStats stats, String infoHash) {
        if (infoHash == null) {
            return new RenderedPage(200, "{\"totals\":" + totals(stats.totals()) + ",\"torrents\":"
                    + array(stats.torrents().stream().map(StatsJson::torrent).toList()) + "}\n");
        }
        Optional<TorrentStats> torrent = stats.torrent(infoHash);
        if (torrent.isEmpty()) {
            return new RenderedPage(404, "{\"error\":" + Json.string("unknown info_hash") + "}\n");
        }
        List<String> peers = stats.peers(infoHash).stream().map(StatsJson::peer).toList();
        return new RenderedPage(200, "{\"torrent\":" + torrent(torrent.get()) + ",\"peers\":" + array(peers) + "}\n");
    }

    private static String totals(TrackerTotals t) {
        return "{\"torrents\":" + t.torrents() + ",\"seeders\":" + t.seeders() + ",\"leechers\":" + t.leechers()
                + ",\"completed\":" + t.completed() + ",\"uploaded\":" + t.uploaded() + ",\"downloaded\":"
                + t.downloaded() + "}";
    }

    private static String torrent(TorrentStats t) {
        return "{\"infoHash\":" + Json.string(t.infoHash()) + ",\"name\":" + Json.string(t.name())
                + ",\"seeders\":" + t.seeders() + ",\"leechers\":" + t.leechers() + ",\"completed\":"
                + t.completed() + ",\"uploaded\":" + t.uploaded() + ",\"downloaded\":" + t.downloaded()
                + ",\"lastAnnounce\":" + Json.string(t.lastAnnounce().toString()) + "}";
    }

    private static String peer(PeerStats p) {
        return "{\"peerId\":" + Json.string(p.peerId()) + ",\"ip\":" + Json.string(p.ip()) + ",\"port\":" + p.port()
                + ",\"uploaded\":" + p.uploaded() + ",\"downloaded\":" + p.downloaded() + ",\"left\":" + p.left()
                + ",\"event\":" + Json.string(p.event()) + ",\"lastAnnounce\":"
                + Json.string(p.lastAnnounce().toString()) + "}";
    }

    private static String array(List<String> items) {
        StringJoiner joiner = new StringJoiner(",", "[", "]");
        items.forEach(joiner::add);
        return joiner.toString();
    }
}
