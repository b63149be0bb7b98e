package org.debswarm.storage.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The byte ranges of a file that are present, as a sorted set of disjoint, non-adjacent ranges.
 * Sequential downloads keep it at one range; blocks from several peers keep it small because
 * adjacent ranges merge. Not thread-safe: the owning write guards it.
 */
final class ByteRanges {

    private final TreeMap<Long, Long> ends = new TreeMap<>();
    private long total;

    static ByteRanges of(List<ByteRange> ranges) {
        ByteRanges set = new ByteRanges();
        ranges.forEach(r -> set.add(r.start(), r.end()));
        return set;
    }

    /** Adds {@code [start, end)}, merging with overlapping and adjacent ranges. */
    void add(long start, long end) {
        if (start >= end) {
            return;
        }
        Map.Entry<Long, Long> before = ends.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
        }
        Map.Entry<Long, Long> next; // the merged 'before' itself is removed here too, then re-put
        while ((next = ends.ceilingEntry(start)) != null && next.getKey() <= end) {
            end = Math.max(end, next.getValue());
            total -= next.getValue() - next.getKey();
            ends.remove(next.getKey());
        }
        ends.put(start, end);
        total += end - start;
    }

    /** The parts of {@code [start, end)} not present, in order. */
    List<ByteRange> missing(long start, long end) {
        List<ByteRange> gaps = new ArrayList<>();
        long cursor = start;
        Map.Entry<Long, Long> covering = ends.floorEntry(start);
        if (covering != null && covering.getValue() > cursor) {
            cursor = covering.getValue();
        }
        for (Map.Entry<Long, Long> r : ends.subMap(start, false, end, false).entrySet()) {
            if (r.getKey() > cursor) {
                gaps.add(new ByteRange(cursor, r.getKey()));
            }
            cursor = Math.max(cursor, r.getValue());
        }
        if (cursor < end) {
            gaps.add(new ByteRange(cursor, end));
        }
        return gaps;
    }

    boolean covers(long start, long end) {
        if (start >= end) {
            return true;
        }
        Map.Entry<Long, Long> covering = ends.floorEntry(start);
        return covering != null && covering.getValue() >= end;
    }

    /** End of the range that starts at 0: the length readable from the beginning. */
    long prefix() {
        Long end = ends.get(0L);
        return end == null ? 0 : end;
    }

    long total() {
        return total;
    }

    List<ByteRange> toList() {
        List<ByteRange> list = new ArrayList<>(ends.size());
        ends.forEach((s, e) -> list.add(new ByteRange(s, e)));
        return list;
    }
}
