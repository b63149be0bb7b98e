package org.debswarm.stats.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.debswarm.stats.StatsRecorder;
import org.debswarm.stats.SwarmCompletion;

/**
 * The figures in memory and how producers add to them: lock-free adds, a map look-up per call, an entry
 * created on first use. The writer reads the same objects and stores them.
 */
final class Ledger implements StatsRecorder {

    private final Clock clock;
    private final FigureCounters node;
    private final ConcurrentHashMap<String, TorrentEntry> torrents = new ConcurrentHashMap<>();

    Ledger(Clock clock, Map<String, Long> nodeCounters) {
        this.clock = clock;
        this.node = new FigureCounters(nodeCounters);
    }

    FigureCounters node() {
        return node;
    }

    Collection<TorrentEntry> torrents() {
        return torrents.values();
    }

    TorrentEntry find(String infoHash) {
        return torrents.get(infoHash);
    }

    void restore(TorrentEntry entry) {
        torrents.put(entry.infoHash, entry);
    }

    void remove(TorrentEntry entry) {
        torrents.remove(entry.infoHash, entry);
    }

    private TorrentEntry torrent(String infoHash, long now) {
        String key = Ids.hex("infoHash", infoHash);
        TorrentEntry entry = torrents.get(key);
        if (entry == null) {
            entry = torrents.computeIfAbsent(key, k -> TorrentEntry.fresh(k, now));
        }
        entry.touch(now);
        return entry;
    }

    private PeerEntry peer(TorrentEntry torrent, String peerId, String clientName, long now) {
        PeerEntry peer = torrent.peer(Ids.hex("peerId", peerId), now);
        peer.touch(clientName, now);
        return peer;
    }

    @Override
    public void peerConnected(String infoHash, String peerId, String clientName) {
        long now = clock.millis();
        peer(torrent(infoHash, now), peerId, clientName, now).connected(true);
    }

    @Override
    public void peerDisconnected(String infoHash, String peerId) {
        long now = clock.millis();
        peer(torrent(infoHash, now), peerId, null, now).connected(false);
    }

    @Override
    public void peerDownloaded(String infoHash, String peerId, String clientName, long bytes) {
        Ids.bytes(bytes);
        long now = clock.millis();
        TorrentEntry torrent = torrent(infoHash, now);
        peer(torrent, peerId, clientName, now).downloaded.add(bytes);
        torrent.figures.fromPeers.add(bytes);
        node.fromPeers.add(bytes);
    }

    @Override
    public void peerUploaded(String infoHash, String peerId, String clientName, long bytes) {
        Ids.bytes(bytes);
        long now = clock.millis();
        TorrentEntry torrent = torrent(infoHash, now);
        peer(torrent, peerId, clientName, now).uploaded.add(bytes);
        torrent.figures.uploaded.add(bytes);
        node.uploaded.add(bytes);
    }

    @Override
    public void verificationFailed(String infoHash, String peerId) {
        long now = clock.millis();
        TorrentEntry torrent = torrent(infoHash, now);
        if (peerId != null) {
            peer(torrent, peerId, null, now).verificationFailures.increment();
        }
        torrent.figures.verificationFailures.increment();
        node.verificationFailures.increment();
    }

    @Override
    public void banned(String infoHash, String peerId) {
        long now = clock.millis();
        TorrentEntry torrent = torrent(infoHash, now);
        peer(torrent, peerId, null, now).bans.increment();
        torrent.figures.bans.increment();
        node.bans.increment();
    }

    @Override
    public void mirrorDownloaded(String infoHash, String mirrorHost, long bytes) {
        Ids.bytes(bytes);
        Counter nodeHost = node.mirror(mirrorHost);
        if (infoHash != null) {
            torrent(infoHash, clock.millis()).figures.mirror(mirrorHost).add(bytes);
        }
        nodeHost.add(bytes);
    }

    @Override
    public void fileServed(String infoHash, long bytes, boolean fromStore) {
        Ids.bytes(bytes);
        if (infoHash != null) {
            served(torrent(infoHash, clock.millis()).figures, bytes, fromStore);
        }
        served(node, bytes, fromStore);
    }

    private static void served(FigureCounters counters, long bytes, boolean fromStore) {
        counters.servedToApt.add(bytes);
        (fromStore ? counters.filesFromStore : counters.filesFetched).increment();
    }

    @Override
    public void swarmCompletion(String infoHash, long bytesHeldBySwarm, long bytesWanted) {
        Instant now = clock.instant();
        SwarmCompletion completion = new SwarmCompletion(bytesHeldBySwarm, bytesWanted, now);
        torrent(infoHash, now.toEpochMilli()).swarm(completion);
    }

    @Override
    public void torrentNamed(String infoHash, String name) {
        torrent(infoHash, clock.millis()).name(Ids.text("name", name, Integer.MAX_VALUE));
    }
}
