package org.debswarm.stats.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.debswarm.stats.HistoryResolution;
import org.debswarm.stats.NodeFigures;
import org.debswarm.stats.PeerFigures;
import org.debswarm.stats.RatePoint;
import org.debswarm.stats.StatsView;
import org.debswarm.stats.TorrentFigures;

/** Immutable snapshots of the ledger for readers; never touches the database. */
final class LedgerView implements StatsView {

    private static final Comparator<PeerFigures> CONNECTED_THEN_RECENT = Comparator
            .comparing(PeerFigures::connected).reversed()
            .thenComparing(PeerFigures::lastActivity, Comparator.reverseOrder())
            .thenComparing(PeerFigures::peerId);

    private final Ledger ledger;
    private final RateHistory history;
    private final RateMeter nodeMeter;
    private final Clock clock;

    LedgerView(Ledger ledger, RateHistory history, RateMeter nodeMeter, Clock clock) {
        this.ledger = ledger;
        this.history = history;
        this.nodeMeter = nodeMeter;
        this.clock = clock;
    }

    @Override
    public NodeFigures node() {
        int torrents = 0;
        int connected = 0;
        for (TorrentEntry entry : ledger.torrents()) {
            torrents++;
            connected += entry.connectedPeers();
        }
        return new NodeFigures(ledger.node().snapshot(), nodeMeter.rates(), torrents, connected);
    }

    @Override
    public List<TorrentFigures> torrents() {
        List<TorrentFigures> list = new ArrayList<>();
        ledger.torrents().forEach(entry -> list.add(entry.snapshot()));
        list.sort(Comparator.comparing(TorrentFigures::lastActivity, Comparator.reverseOrder())
                .thenComparing(TorrentFigures::infoHash));
        return List.copyOf(list);
    }

    @Override
    public Optional<TorrentFigures> torrent(String infoHash) {
        return entry(infoHash).map(TorrentEntry::snapshot);
    }

    @Override
    public List<PeerFigures> peers(String infoHash) {
        return entry(infoHash).map(entry -> {
            List<PeerFigures> list = new ArrayList<>();
            entry.peers().forEach(peer -> list.add(peer.figures(entry.infoHash)));
            list.sort(CONNECTED_THEN_RECENT);
            return List.copyOf(list);
        }).orElse(List.of());
    }

    @Override
    public List<PeerFigures> peerTotals() {
        Map<String, PeerFigures> sums = new HashMap<>();
        for (TorrentEntry entry : ledger.torrents()) {
            for (PeerEntry peer : entry.peers()) {
                sums.merge(peer.peerId, peer.figures(""), LedgerView::sum);
            }
        }
        List<PeerFigures> list = new ArrayList<>(sums.values());
        list.sort(Comparator.comparingLong((PeerFigures p) -> p.downloaded() + p.uploaded()).reversed()
                .thenComparing(PeerFigures::peerId));
        return List.copyOf(list);
    }

    private static PeerFigures sum(PeerFigures a, PeerFigures b) {
        PeerFigures recent = a.lastActivity().isAfter(b.lastActivity()) ? a : b;
        String client = recent.clientName().isEmpty() ? (a == recent ? b : a).clientName() : recent.clientName();
        return new PeerFigures("", a.peerId(), client, a.downloaded() + b.downloaded(), a.uploaded() + b.uploaded(),
                a.verificationFailures() + b.verificationFailures(), a.bans() + b.bans(),
                a.connected() || b.connected(), recent.lastActivity());
    }

    @Override
    public List<RatePoint> history(HistoryResolution resolution) {
        return List.copyOf(history.points(resolution, clock.millis()));
    }

    private Optional<TorrentEntry> entry(String infoHash) {
        String key = Ids.hexOrNull(infoHash);
        return key == null ? Optional.empty() : Optional.ofNullable(ledger.find(key));
    }

}
