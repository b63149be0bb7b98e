package org.debswarm.storage.internal;

import java.util.BitSet;
import java.util.List;

import org.debswarm.storage.FileWrite;

/** Arithmetic of {@link FileWrite#BLOCK_SIZE} blocks over byte ranges; the last block may be short. */
final class Blocks {

    private static final int SIZE = FileWrite.BLOCK_SIZE;

    private Blocks() {
    }

    static int count(long fileSize) {
        long blocks = (fileSize + SIZE - 1) / SIZE;
        if (blocks > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("file size " + fileSize + " (expected: <= " + (long) Integer.MAX_VALUE * SIZE + ")");
        }
        return (int) blocks;
    }

    /** Byte range of block {@code index}. */
    static ByteRange range(int index, long fileSize) {
        int count = count(fileSize);
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("block " + index + " (expected: 0 to " + (count - 1) + ")");
        }
        long start = (long) index * SIZE;
        return new ByteRange(start, Math.min(fileSize, start + SIZE));
    }

    /** The blocks entirely covered by {@code present}. */
    static BitSet covered(List<ByteRange> present, long fileSize) {
        int count = count(fileSize);
        BitSet bits = new BitSet(count);
        for (ByteRange r : present) {
            int first = (int) ((r.start() + SIZE - 1) / SIZE);
            int last = r.end() == fileSize ? count : (int) (r.end() / SIZE);
            if (first < last) {
                bits.set(first, last);
            }
        }
        return bits;
    }
}
