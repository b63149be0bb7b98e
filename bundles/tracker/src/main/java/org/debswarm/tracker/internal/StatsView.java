package org.debswarm.tracker.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.debswarm.tracker.PeerStats;
import org.debswarm.tracker.TorrentStats;
import org.debswarm.tracker.TrackerStats;
import org.debswarm.tracker.TrackerTotals;

/** {@link TrackerStats} read from the in-memory swarms. */
final class StatsView implements TrackerStats {

    private static final Comparator<TorrentStats> MOST_PEERS_FIRST = Comparator
            .comparingInt((TorrentStats t) -> t.seeders() + t.leechers()).reversed()
            .thenComparing(TorrentStats::infoHash);

    private final Swarms swarms;

    StatsView(Swarms swarms) {
        this.swarms = swarms;
    }

    @Override
    public TrackerTotals totals() {
        int count = 0;
        int seeders = 0;
        int leechers = 0;
        Tally sum = new Tally();
        for (Swarm swarm : swarms.all()) {
            TorrentStats t = swarm.stats();
            count++;
            seeders += t.seeders();
            leechers += t.leechers();
            sum.add(t.completed(), t.uploaded(), t.downloaded());
        }
        return new TrackerTotals(count, seeders, leechers, sum.completed, sum.uploaded, sum.downloaded);
    }

    @Override
    public List<TorrentStats> torrents() {
        List<TorrentStats> result = new ArrayList<>(swarms.size());
        swarms.all().forEach(swarm -> result.add(swarm.stats()));
        result.sort(MOST_PEERS_FIRST);
        return result;
    }

    @Override
    public Optional<TorrentStats> torrent(String infoHashHex) {
        return Optional.ofNullable(swarm(infoHashHex)).map(Swarm::stats);
    }

    @Override
    public List<PeerStats> peers(String infoHashHex) {
        Swarm swarm = swarm(infoHashHex);
        return swarm == null ? List.of() : swarm.peerStats();
    }

    private Swarm swarm(String infoHashHex) {
        Bytes infoHash = Bytes.fromHex(infoHashHex, 20);
        return infoHash == null ? null : swarms.get(infoHash);
    }
}
