package org.debswarm.peerwire.internal.swarm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.Test;

/** The content swarm's compact map, against a {@link HashMap} under random puts and removes (collisions included). */
public class LongIntMapTest {

    @Test
    public void agreesWithAHashMapUnderRandomPutsAndRemoves() {
        LongIntMap map = new LongIntMap();
        Map<Long, Integer> reference = new HashMap<>();
        Random random = new Random(11);
        for (int op = 0; op < 200_000; op++) {
            // few distinct keys, some far apart and some adjacent, so that runs form and wrap around the table
            long key = random.nextBoolean() ? random.nextInt(3000) : random.nextLong() % 50 + Long.MIN_VALUE / 2;
            int kind = random.nextInt(3);
            if (kind == 0) {
                int value = random.nextInt(1 << 20);
                map.put(key, value);
                reference.put(key, value);
            } else if (kind == 1) {
                assertEquals(reference.getOrDefault(key, -1).intValue(), map.remove(key));
                reference.remove(key);
            } else {
                assertEquals(reference.getOrDefault(key, -1).intValue(), map.get(key));
            }
            assertEquals(reference.size(), map.size());
        }
        for (Map.Entry<Long, Integer> e : reference.entrySet()) {
            assertEquals(e.getValue().intValue(), map.get(e.getKey()));
        }
    }

    @Test
    public void removesAnEntryByValue() {
        LongIntMap map = new LongIntMap();
        map.put(Long.MIN_VALUE, 7);
        map.put(-1, 8);
        assertTrue(map.removeValue(7));
        assertFalse(map.removeValue(7));
        assertEquals(-1, map.get(Long.MIN_VALUE));
        assertEquals(8, map.get(-1));
        assertEquals(1, map.size());
    }
}
