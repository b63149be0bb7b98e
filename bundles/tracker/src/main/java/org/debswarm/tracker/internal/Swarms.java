package org.debswarm.tracker.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Every swarm the tracker holds, by info hash. Any allowed info hash is accepted (Debswarm nodes make their
 * torrents themselves), within the configured bounds on torrents and peers and the per-client
 * {@link FloodLimits}: a new swarm takes one of its client's new-torrent tokens, an existing one never does, so
 * a flood from one address never refuses an established swarm. Thread-safe: the map is concurrent and each
 * {@link Swarm} has its own lock.
 */
final class Swarms {

    private final ConcurrentHashMap<Bytes, Swarm> swarms = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Swarm> dirty = new ConcurrentLinkedQueue<>();
    private final PeerBudget budget;
    private final int maxTorrents;
    private final FloodLimits limits;
    private final NewTorrentRate rate;

    Swarms(int maxTorrents, int maxPeers, FloodLimits limits) {
        this.maxTorrents = maxTorrents;
        this.budget = new PeerBudget(maxPeers);
        this.limits = limits;
        this.rate = new NewTorrentRate(limits.newTorrentsPerMinute(), limits.maxClients());
    }

    /** Records an announce and adds up to {@code numwant} peers to {@code handOut}. */
    Swarm.Announced announce(AnnounceRequest request, PeerAddress from, long now, PeerList handOut, int numwant)
            throws TrackerRequestException {
        while (true) {
            Swarm swarm = request.event() == Event.STOPPED ? swarms.get(request.infoHash())
                    : admit(request.infoHash(), from, now);
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

    /** The swarm of an announce: an existing one, or a new one within the allowlist, the bound and the rate. */
    private Swarm admit(Bytes infoHash, PeerAddress from, long now) throws TrackerRequestException {
        Swarm swarm = swarms.get(infoHash);
        if (swarm != null) {
            return swarm;
        }
        if (!limits.allowed().test(infoHash)) {
            throw new TrackerRequestException("unregistered torrent: this tracker serves only the torrents it allows");
        }
        checkRoom();
        rate.take(from.client(), now);
        return swarms.computeIfAbsent(infoHash, this::newSwarm);
    }

    /** A swarm from the previous run, restored without the announce limits. */
    private Swarm getOrCreate(Bytes infoHash) throws TrackerRequestException {
        Swarm swarm = swarms.get(infoHash);
        if (swarm != null) {
            return swarm;
        }
        checkRoom();
        return swarms.computeIfAbsent(infoHash, this::newSwarm);
    }

    private void checkRoom() throws TrackerRequestException {
        if (swarms.size() >= maxTorrents) {
            throw new TrackerRequestException("tracker full: " + maxTorrents + " torrents");
        }
    }

    private Swarm newSwarm(Bytes infoHash) {
        return new Swarm(infoHash, dirty::add, limits.peersPerClient());
    }

    FloodLimits limits() {
        return limits;
    }

    /** Forgets the clients whose new-torrent buckets are full again, so the map holds only recent creators. */
    void forgetRefilledClients(long now) {
        rate.forgetRefilled(now);
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

    /** Takes every change since the last call, one entry per changed swarm, every live peer's row included. */
    List<Swarm.Drained> drainDirty() {
        return drainDirty(Long.MAX_VALUE);
    }

    /**
     * Takes every change since the last call, one entry per changed swarm; new peers that moved no counter and
     * were first seen after {@code settledBefore} wait ({@link Swarm#drain}), and their swarms are queued again.
     */
    List<Swarm.Drained> drainDirty(long settledBefore) {
        List<Swarm.Drained> drained = new ArrayList<>();
        List<Swarm> waiting = new ArrayList<>();
        for (Swarm swarm = dirty.poll(); swarm != null; swarm = dirty.poll()) {
            Swarm.Drained item = swarm.drain(settledBefore);
            drained.add(item);
            if (item.waiting()) {
                waiting.add(swarm);
            }
        }
        dirty.addAll(waiting); // after the loop, which would otherwise take them again
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
