package org.debswarm.tracker.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every swarm the tracker holds, by info hash. Any info hash is accepted (Debswarm nodes make their torrents
 * themselves), within the configured bounds on torrents and peers. Thread-safe: the map is concurrent and each
 * {@link Swarm} has its own lock.
 */
final class Swarms {

    private final ConcurrentHashMap<Bytes, Swarm> swarms = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Swarm> dirty = new ConcurrentLinkedQueue<>();
    private final PeerBudget budget;
    private final int maxTorrents;

    Swarms(int maxTorrents, int maxPeers) {
        this.maxTorrents = maxTorrents;
        this.budget = new PeerBudget(maxPeers);
    }

    /** Records an announce and adds up to {@code numwant} peers to {@code handOut}. */
    Swarm.Announced announce(AnnounceRequest request, PeerAddress from, long now, PeerList handOut, int numwant)
            throws TrackerRequestException {
        while (true) {
            Swarm swarm = request.event() == Event.STOPPED ? swarms.get(request.infoHash())
                    : getOrCreate(request.infoHash());
            if (swarm == null) {
                return new Swarm.Announced(0, 0, 0);
            }
            Swarm.Announced announced = swarm.announce(request, from, now, handOut, numwant, budget);
            if (announced != null) {
                return announced;
            }
            swarms.remove(request.infoHash(), swarm);
        }
    }

    Swarm getOrCreate(Bytes infoHash) throws TrackerRequestException {
        Swarm swarm = swarms.get(infoHash);
        if (swarm != null) {
            return swarm;
        }
        if (swarms.size() >= maxTorrents) {
            throw new TrackerRequestException("tracker full: " + maxTorrents + " torrents");
        }
        return swarms.computeIfAbsent(infoHash, hash -> new Swarm(hash, dirty::add));
    }

    /** The swarm of {@code infoHash}, or null. */
    Swarm get(Bytes infoHash) {
        return swarms.get(infoHash);
    }

    Collection<Swarm> all() {
        return swarms.values();
    }

    int size() {
        return swarms.size();
    }

    int livePeers() {
        return budget.used();
    }

    /** Takes every change since the last call, one entry per changed swarm. */
    List<Swarm.Drained> drainDirty() {
        List<Swarm.Drained> drained = new ArrayList<>();
        for (Swarm swarm = dirty.poll(); swarm != null; swarm = dirty.poll()) {
            drained.add(swarm.drain());
        }
        return drained;
    }

    /** Drops peers silent since before {@code deadline} and the swarms idle since before {@code idleSince}. */
    int expire(long deadline, long idleSince) {
        int expired = 0;
        for (Swarm swarm : swarms.values()) {
            expired += swarm.expire(deadline, budget);
            if (swarm.evictIfIdle(idleSince)) {
                swarms.remove(swarm.infoHash(), swarm);
            }
        }
        return expired;
    }

    void restore(TorrentRow row) throws TrackerRequestException {
        Bytes infoHash = Bytes.fromHex(row.infoHash(), 20);
        if (infoHash != null) {
            getOrCreate(infoHash).restore(row);
        }
    }

    void restore(PeerRow row) throws TrackerRequestException {
        Bytes infoHash = Bytes.fromHex(row.infoHash(), 20);
        Swarm swarm = infoHash == null ? null : swarms.get(infoHash);
        PeerAddress address;
        try {
            address = PeerAddress.parse(row.ip(), row.port());
        } catch (TrackerRequestException unreadable) {
            return; // a row this version cannot read is left to the retention purge
        }
        if (swarm != null) {
            swarm.restore(row, address, budget);
        }
    }
}
