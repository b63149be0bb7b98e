package org.debswarm.governor;

import java.util.OptionalLong;

/**
 * The {@code Content-Range} of a 206 (Partial Content) response:
 * {@code bytes first-last/complete-length} or {@code bytes first-last/*}
 * (<a href="https://www.rfc-editor.org/rfc/rfc9110#section-14.4">RFC 9110 section 14.4</a>).
 *
 * @param first the first byte position of the enclosed part
 * @param last the last byte position, inclusive
 * @param completeLength the length of the whole representation, empty when the server sent {@code *}
 */
public record ContentRange(long first, long last, OptionalLong completeLength) {

    private static final int MAX_DIGITS = 18; // keeps every position below Long.MAX_VALUE

    /** Validates the positions against each other. */
    public ContentRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException(
                    "content range " + first + "-" + last + " (expected: 0 <= first <= last)");
        }
        if (completeLength == null) {
            throw new IllegalArgumentException("complete length is null (expected: a value or OptionalLong.empty())");
        }
        if (completeLength.isPresent() && completeLength.getAsLong() <= last) {
            throw new IllegalArgumentException("content range last position " + last
                    + " (expected: < complete length " + completeLength.getAsLong() + ")");
        }
    }

    /** @return the number of bytes enclosed, {@code last - first + 1} */
    public long length() {
        return last - first + 1;
    }

    /**
     * Parses a header value of the satisfied-range form.
     *
     * @param value such as {@code bytes 0-499/1234}
     * @return the parsed range
     * @throws IllegalArgumentException naming what is wrong, for any other form (including the
     *         unsatisfied-range form {@code bytes *}{@code /1234} of a 416 response)
     */
    public static ContentRange parse(String value) {
        if (value == null || !value.startsWith("bytes ")) {
            throw invalid(value, "expected: bytes first-last/length");
        }
        String spec = value.substring("bytes ".length()).trim();
        int dash = spec.indexOf('-');
        int slash = spec.indexOf('/');
        if (dash <= 0 || slash < dash) {
            throw invalid(value, "expected: bytes first-last/length");
        }
        long first = position(value, spec.substring(0, dash));
        long last = position(value, spec.substring(dash + 1, slash));
        String length = spec.substring(slash + 1);
        OptionalLong complete = "*".equals(length) ? OptionalLong.empty() : OptionalLong.of(position(value, length));
        try {
            return new ContentRange(first, last, complete);
        } catch (IllegalArgumentException e) {
            throw invalid(value, e.getMessage());
        }
    }

    /** @return the header value, such as {@code bytes 0-499/1234} */
    public String toHeaderValue() {
        return "bytes " + first + "-" + last + "/"
                + (completeLength.isPresent() ? Long.toString(completeLength.getAsLong()) : "*");
    }

    private static long position(String value, String digits) {
        if (digits.isEmpty() || digits.length() > MAX_DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(value, "position '" + digits + "' (expected: 1 to " + MAX_DIGITS + " decimal digits)");
        }
        return Long.parseLong(digits);
    }

    private static IllegalArgumentException invalid(String value, String detail) {
        return new IllegalArgumentException("invalid Content-Range '" + value + "': " + detail);
    }
}
