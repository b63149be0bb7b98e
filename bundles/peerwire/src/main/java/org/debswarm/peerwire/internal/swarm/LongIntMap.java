package org.debswarm.peerwire.internal.swarm;

/**
 * A map from {@code long} keys to non-negative {@code int} values in three arrays (open addressing, linear probing,
 * deletion by backward shift): about 13 bytes a slot and at most 2 slots an entry, where a {@code HashMap} of boxed
 * numbers takes 70 bytes or more an entry. The content swarm keeps one entry per file a peer lists, so a peer holding
 * thousands of files costs tens of kilobytes, not hundreds. Not thread-safe.
 */
final class LongIntMap {

    private long[] keys = new long[16];
    private int[] values = new int[16];
    private boolean[] used = new boolean[16];
    private int size;

    int size() {
        return size;
    }

    /** The value of {@code key}, or -1. */
    int get(long key) {
        for (int i = slot(key); used[i]; i = next(i)) {
            if (keys[i] == key) {
                return values[i];
            }
        }
        return -1;
    }

    /** @param value {@code >= 0} */
    void put(long key, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("value " + value + " (expected: >= 0)");
        }
        int i = slot(key);
        for (; used[i]; i = next(i)) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
        used[i] = true;
        keys[i] = key;
        values[i] = value;
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    /** Removes {@code key}; returns its value, or -1 if it had none. */
    int remove(long key) {
        for (int i = slot(key); used[i]; i = next(i)) {
            if (keys[i] == key) {
                int value = values[i];
                delete(i);
                return value;
            }
        }
        return -1;
    }

    /** Removes one entry whose value is {@code value} (a scan of the table); whether there was one. */
    boolean removeValue(int value) {
        for (int i = 0; i < keys.length; i++) {
            if (used[i] && values[i] == value) {
                delete(i);
                return true;
            }
        }
        return false;
    }

    // backward shift: later entries of the same run move up, so that no look-up stops early at the freed slot
    private void delete(int hole) {
        used[hole] = false;
        size--;
        for (int i = next(hole); used[i]; i = next(i)) {
            int home = slot(keys[i]);
            boolean movable = hole <= i ? home <= hole || home > i : home <= hole && home > i;
            if (movable) {
                keys[hole] = keys[i];
                values[hole] = values[i];
                used[hole] = true;
                used[i] = false;
                hole = i;
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        boolean[] oldUsed = used;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        used = new boolean[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldUsed[i]) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ h >>> 32) & (keys.length - 1);
    }

    private int next(int i) {
        return (i + 1) & (keys.length - 1);
    }

    @Override
    public String toString() {
        return "LongIntMap[" + size + " of " + keys.length + " slots]";
    }
}
