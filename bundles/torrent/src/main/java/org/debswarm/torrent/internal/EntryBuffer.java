package org.debswarm.torrent.internal;

import java.util.Arrays;

/**
 * Packages entries as they are added, in growable primitive arrays: one byte[] of UTF-8 paths with their
 * offsets, lengths, and 32-byte hashes back to back. No object per entry, so 60,000 entries cost a few
 * arrays rather than 60,000 objects with boxed fields.
 */
final class EntryBuffer {

    static final int SHA256_LENGTH = 32;

    private byte[] paths = new byte[1 << 16];
    private int pathBytes;
    private int[] offsets = new int[1025];
    private long[] lengths = new long[1024];
    private byte[] hashes = new byte[1024 * SHA256_LENGTH];
    private boolean[] all = new boolean[1024];
    private int size;

    int size() {
        return size;
    }

    /** @param sha256 exactly 32 bytes at {@code hashOffset} */
    void add(byte[] path, long length, byte[] sha256, boolean architectureAll) {
        if (size == lengths.length) {
            grow();
        }
        if (pathBytes + path.length > paths.length) {
            paths = Arrays.copyOf(paths, Math.max(paths.length * 2, pathBytes + path.length));
        }
        System.arraycopy(path, 0, paths, pathBytes, path.length);
        pathBytes += path.length;
        offsets[size + 1] = pathBytes;
        lengths[size] = length;
        System.arraycopy(sha256, 0, hashes, size * SHA256_LENGTH, SHA256_LENGTH);
        all[size] = architectureAll;
        size++;
    }

    private void grow() {
        int capacity = lengths.length * 2;
        offsets = Arrays.copyOf(offsets, capacity + 1);
        lengths = Arrays.copyOf(lengths, capacity);
        hashes = Arrays.copyOf(hashes, capacity * SHA256_LENGTH);
        all = Arrays.copyOf(all, capacity);
    }

    boolean architectureAll(int entry) {
        return all[entry];
    }

    long length(int entry) {
        return lengths[entry];
    }

    int pathLength(int entry) {
        return offsets[entry + 1] - offsets[entry];
    }

    void copyPath(int entry, byte[] target, int at) {
        System.arraycopy(paths, offsets[entry], target, at, pathLength(entry));
    }

    void copyHash(int entry, byte[] target, int at) {
        System.arraycopy(hashes, entry * SHA256_LENGTH, target, at, SHA256_LENGTH);
    }

    /** Unsigned comparison of two entries' paths as raw bytes. */
    int comparePaths(int a, int b) {
        return Arrays.compareUnsigned(paths, offsets[a], offsets[a + 1], paths, offsets[b], offsets[b + 1]);
    }

    /** True if two entries describe the same content: same length and hash. */
    boolean sameContent(int a, int b) {
        return lengths[a] == lengths[b] && Arrays.equals(hashes, a * SHA256_LENGTH, (a + 1) * SHA256_LENGTH,
                hashes, b * SHA256_LENGTH, (b + 1) * SHA256_LENGTH);
    }
}
