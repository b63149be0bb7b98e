package org.debswarm.governor;

import java.util.OptionalLong;

/**
 * A single byte range to request, as in {@code Range: bytes=first-last} or the open-ended
 * {@code bytes=first-} (<a href="https://www.rfc-editor.org/rfc/rfc9110#section-14.1.2">RFC 9110
 * section 14.1.2</a>). Positions are zero-based and {@code last} is inclusive.
 *
 * @param first the first byte position, {@code >= 0}
 * @param last the last byte position, inclusive and {@code >= first}; empty for "to the end"
 */
public record ByteRange(long first, OptionalLong last) {

    /** Validates the positions. */
    public ByteRange {
        if (first < 0) {
            throw new IllegalArgumentException("range first position " + first + " (expected: >= 0)");
        }
        if (last == null) {
            throw new IllegalArgumentException("range last position is null (expected: a value or OptionalLong.empty())");
        }
        if (last.isPresent() && last.getAsLong() < first) {
            throw new IllegalArgumentException(
                    "range last position " + last.getAsLong() + " (expected: >= first position " + first + ")");
        }
    }

    /**
     * @param first the first byte position
     * @param lastInclusive the last byte position, inclusive
     * @return the range {@code first-lastInclusive}
     */
    public static ByteRange of(long first, long lastInclusive) {
        return new ByteRange(first, OptionalLong.of(lastInclusive));
    }

    /**
     * @param first the first byte position
     * @return the open-ended range {@code first-}
     */
    public static ByteRange from(long first) {
        return new ByteRange(first, OptionalLong.empty());
    }

    /** @return the value of a {@code Range} header, such as {@code bytes=0-1023} */
    public String toHeaderValue() {
        return "bytes=" + first + "-" + (last.isPresent() ? Long.toString(last.getAsLong()) : "");
    }
}
