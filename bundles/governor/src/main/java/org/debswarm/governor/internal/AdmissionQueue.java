package org.debswarm.governor.internal;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.debswarm.governor.GovernorStats;
import org.debswarm.governor.HostStats;

/**
 * Who may open a connection now: at most {@code maxPerHost} exchanges per host and
 * {@code maxTotal} in all; the others wait, first come first served within a host and
 * round-robin across hosts, so that one busy host cannot starve the rest. The queue is bounded.
 * Admission callbacks run outside the lock, on the thread that submitted or released.
 */
final class AdmissionQueue {

    /** A party waiting for a connection. */
    interface Waiter {
        /** Called once, outside the queue's lock, when a slot on {@code lane} is granted. */
        void admitted(HostLane lane);
    }

    enum Outcome { ADMITTED, QUEUED, FULL, CLOSED }

    private record Grant(HostLane lane, Waiter waiter) {
    }

    private final int maxPerHost;
    private final int maxTotal;
    private final int capacity;
    private final Map<String, HostLane> lanes = new HashMap<>();
    /** Lanes with waiters, in the order they get their next turn. */
    private final ArrayDeque<HostLane> turns = new ArrayDeque<>();
    private int active;
    private int queued;
    private boolean closed;

    AdmissionQueue(int maxPerHost, int maxTotal, int capacity) {
        this.maxPerHost = maxPerHost;
        this.maxTotal = maxTotal;
        this.capacity = capacity;
    }

    /** Admits at once (calling {@code waiter.admitted} before returning) or queues, or refuses. */
    Outcome submit(String host, Waiter waiter) {
        HostLane lane;
        synchronized (this) {
            if (closed) {
                return Outcome.CLOSED;
            }
            lane = lanes.computeIfAbsent(host, HostLane::new);
            if (!lane.waiting.isEmpty() || lane.active >= maxPerHost || active >= maxTotal) {
                if (queued >= capacity) {
                    return Outcome.FULL;
                }
                if (lane.waiting.isEmpty()) {
                    turns.addLast(lane);
                }
                lane.waiting.addLast(waiter);
                queued++;
                return Outcome.QUEUED;
            }
            lane.active++;
            active++;
        }
        waiter.admitted(lane);
        return Outcome.ADMITTED;
    }

    /** Takes a waiter out of the queue; false if it was not waiting (admitted meanwhile, or never queued). */
    synchronized boolean withdraw(String host, Waiter waiter) {
        HostLane lane = lanes.get(host);
        if (lane == null || !lane.waiting.remove(waiter)) {
            return false;
        }
        queued--;
        if (lane.waiting.isEmpty()) {
            turns.remove(lane);
        }
        return true;
    }

    /** Frees the slot an admitted waiter held on {@code lane}, and admits whoever may go next. */
    void release(HostLane lane) {
        List<Grant> grants;
        synchronized (this) {
            lane.active--;
            active--;
            grants = grantTurns();
        }
        grants.forEach(g -> g.waiter().admitted(g.lane()));
    }

    /** Refuses new work and forgets who was waiting (the governor ends those calls itself). */
    synchronized void close() {
        closed = true;
        turns.forEach(lane -> lane.waiting.clear());
        turns.clear();
        queued = 0;
    }

    synchronized HostLane lane(String host) {
        return lanes.computeIfAbsent(host, HostLane::new);
    }

    synchronized GovernorStats snapshot() {
        List<HostStats> hosts = lanes.values().stream().map(HostLane::stats)
                .sorted(Comparator.comparing(HostStats::host)).toList();
        HostStats total = new HostStats(HostStats.ALL_HOSTS, active, queued,
                hosts.stream().mapToLong(HostStats::requests).sum(), hosts.stream().mapToLong(HostStats::bytes).sum(),
                hosts.stream().mapToLong(HostStats::errors).sum(), hosts.stream().mapToLong(HostStats::timeouts).sum());
        return new GovernorStats(Instant.now(), maxPerHost, maxTotal, capacity, total, hosts);
    }

    /**
     * One turn per lane in rotation: a lane at its host limit passes its turn, a lane that
     * admits goes to the back. Stops at the total limit or after a full round without progress.
     */
    private List<Grant> grantTurns() {
        List<Grant> grants = new ArrayList<>();
        int passed = 0;
        while (active < maxTotal && passed < turns.size()) {
            HostLane lane = turns.pollFirst();
            if (lane.active < maxPerHost) {
                grants.add(new Grant(lane, lane.waiting.pollFirst()));
                lane.active++;
                active++;
                queued--;
                passed = 0;
            } else {
                passed++;
            }
            if (!lane.waiting.isEmpty()) {
                turns.addLast(lane);
            }
        }
        return grants;
    }
}
