package org.debswarm.storage.internal;

/** A half-open range of byte offsets {@code [start, end)}. */
record ByteRange(long start, long end) {

    ByteRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("range [" + start + ", " + end + ") (expected: 0 <= start <= end)");
        }
    }

    long length() {
        return end - start;
    }
}
