package org.debswarm.storage.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.Test;

public class ByteRangesTest {

    @Test
    public void mergesOverlappingAndAdjacentRanges() {
        ByteRanges r = new ByteRanges();
        r.add(10, 20);
        r.add(30, 40);
        r.add(20, 30);
        assertEquals(List.of(new ByteRange(10, 40)), r.toList());
        r.add(5, 12);
        r.add(35, 50);
        assertEquals(List.of(new ByteRange(5, 50)), r.toList());
        assertEquals(45, r.total());
        r.add(10, 20);
        assertEquals(45, r.total());
    }

    @Test
    public void reportsMissingParts() {
        ByteRanges r = ByteRanges.of(List.of(new ByteRange(10, 20), new ByteRange(30, 40)));
        assertEquals(List.of(new ByteRange(0, 10), new ByteRange(20, 30), new ByteRange(40, 45)), r.missing(0, 45));
        assertEquals(List.of(new ByteRange(20, 25)), r.missing(15, 25));
        assertEquals(List.of(), r.missing(12, 18));
        assertTrue(r.covers(30, 40));
        assertFalse(r.covers(19, 21));
    }

    @Test
    public void prefixIsTheRunFromZero() {
        ByteRanges r = new ByteRanges();
        assertEquals(0, r.prefix());
        r.add(5, 10);
        assertEquals(0, r.prefix());
        r.add(0, 5);
        assertEquals(10, r.prefix());
    }

    @Test
    public void agreesWithABitmapUnderRandomAdds() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            boolean[] bits = new boolean[300];
            ByteRanges r = new ByteRanges();
            for (int i = 0; i < 20; i++) {
                int start = random.nextInt(300);
                int end = start + random.nextInt(300 - start + 1);
                long before = r.total();
                int gaps = r.missing(start, end).stream().mapToInt(g -> (int) g.length()).sum();
                r.add(start, end);
                for (int b = start; b < end; b++) {
                    bits[b] = true;
                }
                assertEquals(before + gaps, r.total());
            }
            int count = 0;
            for (boolean b : bits) {
                count += b ? 1 : 0;
            }
            assertEquals(count, r.total());
            for (ByteRange range : r.toList()) {
                for (long b = range.start(); b < range.end(); b++) {
                    assertTrue(bits[(int) b]);
                }
            }
        }
    }
}
