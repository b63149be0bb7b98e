package org.debswarm.aptlistener.internal;

import java.util.BitSet;
import java.util.Optional;

import org.debswarm.storage.FileWrite;

/**
 * The span of a write that the mirror must send: from the first block not yet present to the end of the last
 * one. One range request covers it; blocks in between that are already present are written again, which the
 * store ignores, and cost less than one request per gap.
 */
record MissingRange(long first, long lastInclusive) {

    MissingRange {
        if (first < 0 || lastInclusive < first) {
            throw new IllegalArgumentException("range " + first + "-" + lastInclusive);
        }
    }

    /** @return the span still missing from {@code write}, or empty when every block is present */
    static Optional<MissingRange> of(FileWrite write) {
        return of(write.blocks(), write.blockCount(), write.size());
    }

    static Optional<MissingRange> of(BitSet present, int blockCount, long size) {
        int firstMissing = present.nextClearBit(0);
        if (firstMissing >= blockCount) {
            return Optional.empty();
        }
        int lastMissing = present.previousClearBit(blockCount - 1);
        long first = (long) firstMissing * FileWrite.BLOCK_SIZE;
        long last = Math.min(size, (long) (lastMissing + 1) * FileWrite.BLOCK_SIZE) - 1;
        return Optional.of(new MissingRange(first, last));
    }

    long length() {
        return lastInclusive - first + 1;
    }
}
