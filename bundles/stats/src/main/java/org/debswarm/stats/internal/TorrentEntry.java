package org.debswarm.stats.internal;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.debswarm.stats.SwarmCompletion;
import org.debswarm.stats.TorrentFigures;

/** One torrent: its counters, its peers, and what is written last-wins (name, swarm completion). */
final class TorrentEntry {

    private static final int MAX_NAME_LENGTH = 512;

    final String infoHash;
    final FigureCounters figures;
    final RateMeter meter = new RateMeter();
    private final ConcurrentHashMap<String, PeerEntry> peers = new ConcurrentHashMap<>();
    private volatile String name;
    private volatile SwarmCompletion swarm;
    private volatile long lastActivity;
    /** Bumped by every change of name or swarm; the writer compares it with what it wrote. */
    private final AtomicLong version = new AtomicLong();
    private long writtenVersion; // writer thread only
    private long writtenActivity; // writer thread only

    TorrentEntry(String infoHash, String name, SwarmCompletion swarm, long lastActivity, Map<String, Long> stored) {
        this.infoHash = infoHash;
        this.name = name;
        this.swarm = swarm;
        this.lastActivity = lastActivity;
        this.writtenActivity = lastActivity;
        this.figures = new FigureCounters(stored);
    }

    static TorrentEntry fresh(String infoHash, long now) {
        TorrentEntry entry = new TorrentEntry(infoHash, "", SwarmCompletion.UNKNOWN, now, Map.of());
        entry.writtenActivity = -1; // a new torrent gets its row even if only counters changed
        return entry;
    }

    PeerEntry peer(String peerId, long now) {
        PeerEntry peer = peers.get(peerId);
        return peer != null ? peer : peers.computeIfAbsent(peerId, id -> PeerEntry.fresh(id, now));
    }

    void restore(PeerEntry peer) {
        peers.put(peer.peerId, peer);
    }

    Iterable<PeerEntry> peers() {
        return peers.values();
    }

    void removePeer(PeerEntry peer) {
        peers.remove(peer.peerId, peer);
    }

    void touch(long now) {
        lastActivity = now;
    }

    void name(String newName) {
        String bounded = newName.length() <= MAX_NAME_LENGTH ? newName : newName.substring(0, MAX_NAME_LENGTH);
        if (!bounded.equals(name)) {
            name = bounded;
            version.incrementAndGet();
        }
    }

    void swarm(SwarmCompletion completion) {
        swarm = completion;
        version.incrementAndGet();
    }

    long lastActivity() {
        return lastActivity;
    }

    int connectedPeers() {
        int n = 0;
        for (PeerEntry peer : peers.values()) {
            if (peer.isConnected()) {
                n++;
            }
        }
        return n;
    }

    boolean rowDirty() {
        return version.get() != writtenVersion || lastActivity != writtenActivity;
    }

    /** The row about to be written; {@link Row#commit()} once it is. */
    Row toWrite() {
        long v = version.get();
        return new Row(this, name, swarm, lastActivity, v);
    }

    TorrentFigures snapshot() {
        return new TorrentFigures(infoHash, name, figures.snapshot(), meter.rates(), swarm, connectedPeers(),
                Instant.ofEpochMilli(lastActivity));
    }

    /** A row of {@code stats_torrent} as written in one transaction. */
    record Row(TorrentEntry entry, String name, SwarmCompletion swarm, long lastActivity, long version) {

        void commit() {
            entry.writtenVersion = version;
            entry.writtenActivity = lastActivity;
        }
    }
}
