package org.debswarm.tracker.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import org.debswarm.tracker.PeerStats;
import org.debswarm.tracker.TorrentStats;

/**
 * The live peers of one torrent and its counters. Every method holds the swarm's own lock, so announces to
 * different torrents never wait for each other, and none of them waits for the database: the writer drains
 * what changed ({@link #drain()}) and reports back ({@link #flushed}, {@link #flushFailed}). Longer than most
 * classes because everything guarded by that one lock lives here.
 */
final class Swarm {

    private final Bytes infoHash;
    private final Consumer<Swarm> dirtyQueue;
    private final List<Peer> peers = new ArrayList<>();
    private final Map<Bytes, Peer> byKey = new HashMap<>();
    /** Live peers per client address, for {@link FloodLimits#peersPerClient()}. */
    private final Map<Bytes, Integer> perClient = new HashMap<>();
    private final int peersPerClient;
    private final List<Peer> dirtyPeers = new ArrayList<>();
    /** Totals as the database last reported them; increments not yet written are in pending and inflight. */
    private final Tally persisted = new Tally();
    private final Tally pending = new Tally();
    private final Tally inflight = new Tally();
    private String name = "";
    private int seeders;
    private long lastAnnounce;
    private boolean dirty;
    private boolean evicted;

    Swarm(Bytes infoHash, Consumer<Swarm> dirtyQueue, int peersPerClient) {
        this.infoHash = infoHash;
        this.dirtyQueue = dirtyQueue;
        this.peersPerClient = peersPerClient;
    }

    Bytes infoHash() {
        return infoHash;
    }

    /** Records an announce; null when the swarm was evicted meanwhile and the caller must use a fresh one. */
    synchronized Announced announce(AnnounceRequest request, PeerAddress from, long now, PeerList handOut,
            int numwant, PeerBudget budget) throws TrackerRequestException {
        if (evicted) {
            return null;
        }
        Bytes key = Peer.keyOf(request.peerId(), from);
        Peer peer = byKey.get(key);
        if (peer == null && request.event() == Event.STOPPED) {
            return announced();
        }
        boolean counted = request.event() != Event.NONE;
        if (peer == null) {
            makeRoomFor(from.client(), budget);
            budget.acquire();
            peer = add(new Peer(key, request.peerId(), from, now), request);
        } else {
            counted |= accountKnown(peer, request);
        }
        peer.counted |= counted;
        countCompletion(peer, request);
        seeders += (request.seeder() ? 1 : 0) - (peer.seeder() ? 1 : 0);
        peer.record(request, from, now);
        lastAnnounce = now;
        if (request.name() != null) {
            name = request.name();
        }
        markPeerDirty(peer);
        markDirty();
        if (request.event() == Event.STOPPED) {
            remove(peer, budget);
        } else {
            select(peer, numwant, handOut);
        }
        return announced();
    }

    private Peer add(Peer peer, AnnounceRequest request) {
        // Counters count from the client's 'started'; a peer first seen later gives its counters as a base only.
        if (request.event() == Event.STARTED) {
            pending.add(0, request.uploaded(), request.downloaded());
        }
        peer.left = -1; // neither seeder nor leecher until recorded, for the seeder count above
        return insert(peer);
    }

    private Peer insert(Peer peer) {
        peer.index = peers.size();
        peers.add(peer);
        byKey.put(peer.key, peer);
        perClient.merge(peer.client, 1, Integer::sum);
        return peer;
    }

    /** At the client's limit, its least recently seen peer leaves (its last announce stays in the database). */
    private void makeRoomFor(Bytes client, PeerBudget budget) {
        if (perClient.getOrDefault(client, 0) < peersPerClient) {
            return;
        }
        Peer stalest = null;
        for (Peer candidate : peers) {
            if (candidate.client.equals(client) && (stalest == null || candidate.lastSeen < stalest.lastSeen)) {
                stalest = candidate;
            }
        }
        if (stalest != null) {
            remove(stalest, budget);
        }
    }

    /** Adds a known peer's increments; whether its counters moved (its row must then go with them). */
    private boolean accountKnown(Peer peer, AnnounceRequest request) {
        boolean restarted = request.event() == Event.STARTED
                || request.uploaded() < peer.uploaded || request.downloaded() < peer.downloaded;
        long up = restarted ? request.uploaded() : request.uploaded() - peer.uploaded;
        long down = restarted ? request.downloaded() : request.downloaded() - peer.downloaded;
        pending.add(0, up, down);
        return restarted || up != 0 || down != 0;
    }

    private void countCompletion(Peer peer, AnnounceRequest request) {
        if (request.event() == Event.COMPLETED && !peer.completedCounted) {
            peer.completedCounted = true;
            pending.add(1, 0, 0);
        }
    }

    private void remove(Peer peer, PeerBudget budget) {
        Peer last = peers.remove(peers.size() - 1);
        if (last != peer) {
            peers.set(peer.index, last);
            last.index = peer.index;
        }
        byKey.remove(peer.key);
        perClient.computeIfPresent(peer.client, (client, n) -> n == 1 ? null : n - 1);
        seeders -= peer.seeder() ? 1 : 0;
        budget.release();
    }

    /**
     * Up to {@code numwant} other peers, consecutive from a random starting point: every peer is equally likely
     * to be handed out, without shuffling the swarm. A seeder gets only leechers.
     */
    private void select(Peer self, int numwant, PeerList handOut) {
        int n = peers.size();
        int want = Math.min(numwant, n - 1);
        int start = want <= 0 ? 0 : ThreadLocalRandom.current().nextInt(n);
        for (int i = 0, chosen = 0; i < n && chosen < want; i++) {
            Peer candidate = peers.get((start + i) % n);
            if (candidate != self && !(self.seeder() && candidate.seeder())) {
                handOut.add(candidate);
                chosen++;
            }
        }
    }

    private Announced announced() {
        return new Announced(seeders, peers.size() - seeders, completedTotal());
    }

    private long completedTotal() {
        return Tally.saturatedAdd(Tally.saturatedAdd(persisted.completed, inflight.completed), pending.completed);
    }

    private void markPeerDirty(Peer peer) {
        if (!peer.dirty) {
            peer.dirty = true;
            dirtyPeers.add(peer);
        }
    }

    private void markDirty() {
        if (!dirty) {
            dirty = true;
            dirtyQueue.accept(this);
        }
    }

    /** Drops peers last seen before {@code deadline}; their last announce stays in the database. */
    synchronized int expire(long deadline, PeerBudget budget) {
        int removed = 0;
        for (int i = peers.size() - 1; i >= 0; i--) {
            Peer peer = peers.get(i);
            if (peer.lastSeen < deadline) {
                remove(peer, budget);
                removed++;
            }
        }
        if (removed > 0) {
            markDirty();
        }
        return removed;
    }

    /** Marks the swarm evicted when it has no peers, nothing unwritten and no announce since {@code idleSince}. */
    synchronized boolean evictIfIdle(long idleSince) {
        if (peers.isEmpty() && !dirty && inflight.isZero() && lastAnnounce < idleSince) {
            evicted = true;
        }
        return evicted;
    }

    /**
     * Takes what changed since the last write; the counters move from pending to in flight. A peer's row is
     * taken when the peer has one already, when its announces moved the counters (the row and the totals go
     * in one transaction, so a restored peer's base matches the restored totals), or when the peer is still
     * live and was first seen at or before {@code settledBefore}. A new peer that moved nothing waits until then,
     * and is never written when it is gone before: a flood of invented peer ids, each replaced within
     * seconds by the per-client limit, stays out of the database.
     */
    synchronized Drained drain(long settledBefore) {
        inflight.add(pending);
        pending.clear();
        List<Peer> drainedPeers = new ArrayList<>(dirtyPeers.size());
        List<PeerRow> rows = new ArrayList<>(dirtyPeers.size());
        List<Peer> waiting = new ArrayList<>();
        for (Peer peer : dirtyPeers) {
            boolean live = byKey.get(peer.key) == peer;
            if (peer.stored || peer.counted || live && peer.firstSeen <= settledBefore) {
                peer.dirty = false;
                peer.stored = true;
                peer.counted = false;
                drainedPeers.add(peer);
                rows.add(peer.row(infoHash));
            } else if (live) {
                waiting.add(peer);
            } else {
                peer.dirty = false;
            }
        }
        dirtyPeers.clear();
        dirtyPeers.addAll(waiting);
        dirty = !waiting.isEmpty();
        TorrentRow torrent = new TorrentRow(infoHash.hex(), name.isEmpty() ? null : name, seeders,
                peers.size() - seeders, inflight.completed, inflight.uploaded, inflight.downloaded, lastAnnounce);
        return new Drained(this, torrent, rows, drainedPeers, dirty);
    }

    /** The write committed; {@code stored} holds the totals now in the database. */
    synchronized void flushed(Tally stored) {
        persisted.set(stored.completed, stored.uploaded, stored.downloaded);
        inflight.clear();
    }

    /** The write failed: keep the increments and the peers for the next one. */
    synchronized void flushFailed(List<Peer> drainedPeers) {
        pending.add(inflight);
        inflight.clear();
        drainedPeers.forEach(this::markPeerDirty);
        markDirty();
    }

    /** Takes the stored totals and name of this torrent, read at start-up. */
    synchronized void restore(TorrentRow row) {
        persisted.set(row.completed(), row.uploaded(), row.downloaded());
        if (name.isEmpty() && row.name() != null) {
            name = row.name();
        }
        lastAnnounce = Math.max(lastAnnounce, row.lastAnnounce());
    }

    /** Brings back a peer that was live when the tracker stopped, unless it has announced since. */
    synchronized void restore(PeerRow row, PeerAddress address, PeerBudget budget) throws TrackerRequestException {
        Bytes peerId = Bytes.fromHex(row.peerId(), 20);
        Bytes key = peerId == null ? null : Peer.keyOf(peerId, address);
        if (key == null || evicted || byKey.containsKey(key)) {
            return;
        }
        budget.acquire();
        Peer peer = insert(Peer.restored(key, peerId, address, row));
        seeders += peer.seeder() ? 1 : 0;
    }

    synchronized TorrentStats stats() {
        Tally total = new Tally();
        total.add(persisted);
        total.add(inflight);
        total.add(pending);
        return new TorrentStats(infoHash.hex(), name, seeders, peers.size() - seeders, total.completed,
                total.uploaded, total.downloaded, Instant.ofEpochMilli(lastAnnounce));
    }

    synchronized List<PeerStats> peerStats() {
        List<PeerStats> result = new ArrayList<>(peers.size());
        peers.forEach(peer -> result.add(peer.stats()));
        result.sort(Comparator.comparing(PeerStats::lastAnnounce).reversed());
        return result;
    }

    /** The swarm's counts after one announce. */
    record Announced(int seeders, int leechers, long completed) {
    }

    /**
     * What one write takes from a swarm; {@code waiting}: new peers are left for a later write, and the swarm
     * must go back into the queue of changed swarms once the whole queue is drained.
     */
    record Drained(Swarm swarm, TorrentRow torrent, List<PeerRow> peerRows, List<Peer> peers, boolean waiting) {
    }
}
