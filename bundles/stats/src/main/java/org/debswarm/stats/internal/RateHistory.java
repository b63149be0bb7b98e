package org.debswarm.stats.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.debswarm.stats.HistoryResolution;
import org.debswarm.stats.RatePoint;

/**
 * The rate histories as ring buffers: slot {@code (start / period) % capacity}, so the number of periods kept,
 * in memory and in the database, never exceeds the capacity. A slot whose start is not the period asked for
 * is stale (the node was down) and reads as zero. Added to by the writer only; read by page requests.
 */
final class RateHistory {

    private final Map<HistoryResolution, Ring> rings = new EnumMap<>(HistoryResolution.class);

    RateHistory() {
        for (HistoryResolution resolution : HistoryResolution.values()) {
            rings.put(resolution, new Ring(resolution));
        }
    }

    synchronized void add(long now, long fromPeers, long fromMirrors, long uploaded) {
        for (Ring ring : rings.values()) {
            ring.add(now, fromPeers, fromMirrors, uploaded);
        }
    }

    synchronized List<RatePoint> points(HistoryResolution resolution, long now) {
        return rings.get(resolution).points(now);
    }

    synchronized void restore(HistoryResolution resolution, int slot, long start, long fromPeers, long fromMirrors,
            long uploaded) {
        rings.get(resolution).restore(slot, start, fromPeers, fromMirrors, uploaded);
    }

    /** The slots changed since the last {@link #written}, as rows to write. */
    synchronized List<Slot> dirty() {
        List<Slot> slots = new ArrayList<>();
        rings.values().forEach(ring -> ring.dirty(slots));
        return slots;
    }

    synchronized void written(List<Slot> slots) {
        for (Slot slot : slots) {
            rings.get(slot.resolution()).written(slot);
        }
    }

    /** One row of {@code stats_history}. */
    record Slot(HistoryResolution resolution, int slot, long start, long fromPeers, long fromMirrors,
            long uploaded) {
    }

    private static final class Ring {

        private final HistoryResolution resolution;
        private final long period;
        private final int capacity;
        private final long[] start;
        private final long[] peers;
        private final long[] mirrors;
        private final long[] uploaded;
        private final BitSet dirty = new BitSet();

        Ring(HistoryResolution resolution) {
            this.resolution = resolution;
            this.period = resolution.period().toMillis();
            this.capacity = resolution.capacity();
            this.start = new long[capacity];
            this.peers = new long[capacity];
            this.mirrors = new long[capacity];
            this.uploaded = new long[capacity];
            Arrays.fill(start, -1);
        }

        private int slot(long periodStart) {
            return (int) Math.floorMod(periodStart / period, (long) capacity);
        }

        void add(long now, long p, long m, long u) {
            long s = Math.floorDiv(now, period) * period;
            int i = slot(s);
            if (start[i] != s) {
                start[i] = s;
                peers[i] = 0;
                mirrors[i] = 0;
                uploaded[i] = 0;
            }
            peers[i] += p;
            mirrors[i] += m;
            uploaded[i] += u;
            dirty.set(i);
        }

        void restore(int i, long s, long p, long m, long u) {
            if (i >= 0 && i < capacity && slot(s) == i) {
                start[i] = s;
                peers[i] = p;
                mirrors[i] = m;
                uploaded[i] = u;
            }
        }

        List<RatePoint> points(long now) {
            long current = Math.floorDiv(now, period) * period;
            List<RatePoint> points = new ArrayList<>(capacity);
            for (int k = capacity - 1; k >= 0; k--) {
                long s = current - k * period;
                int i = slot(s);
                points.add(start[i] == s ? new RatePoint(Instant.ofEpochMilli(s), peers[i], mirrors[i], uploaded[i])
                        : new RatePoint(Instant.ofEpochMilli(s), 0, 0, 0));
            }
            return points;
        }

        void dirty(List<Slot> out) {
            for (int i = dirty.nextSetBit(0); i >= 0; i = dirty.nextSetBit(i + 1)) {
                out.add(new Slot(resolution, i, start[i], peers[i], mirrors[i], uploaded[i]));
            }
        }

        void written(Slot slot) {
            int i = slot.slot();
            if (start[i] == slot.start() && peers[i] == slot.fromPeers() && mirrors[i] == slot.fromMirrors()
                    && uploaded[i] == slot.uploaded()) {
                dirty.clear(i);
            }
        }
    }
}
