package org.debswarm.aptlistener.internal;

import java.util.Optional;

import org.debswarm.governor.ByteRange;

/**
 * A {@code Range} request header against a file of known length
 * (<a href="https://www.rfc-editor.org/rfc/rfc9110#section-14.2">RFC 9110 section 14.2</a>). apt sends
 * {@code bytes=N-} to resume a partial file. Only a single range is honoured; a header this class cannot
 * use (several ranges, another unit, bad syntax) is ignored and the whole file is sent, as the RFC allows.
 *
 * @param first the first byte to send
 * @param last the last byte to send, inclusive
 */
record RangeRequest(long first, long last) {

    private static final int MAX_DIGITS = 18;

    /** @return the number of bytes in the range */
    long length() {
        return last - first + 1;
    }

    /** @return the {@code Content-Range} value for a file of {@code total} bytes */
    String contentRange(long total) {
        return "bytes " + first + "-" + last + "/" + total;
    }

    /**
     * @param header the {@code Range} header value, or null
     * @param total the length of the file
     * @return the range to send, or empty to send the whole file
     * @throws HttpRefusal 416 when the one range asked for lies wholly beyond the end of the file
     */
    static Optional<RangeRequest> resolve(String header, long total) throws HttpRefusal {
        String spec = singleByteRange(header);
        if (spec == null) {
            return Optional.empty();
        }
        int dash = spec.indexOf('-');
        String from = spec.substring(0, dash).trim();
        String to = spec.substring(dash + 1).trim();
        return from.isEmpty() ? suffix(number(to), total) : span(number(from), to.isEmpty() ? -2 : number(to), total);
    }

    /** {@code bytes=-N}: the last N bytes. */
    private static Optional<RangeRequest> suffix(long n, long total) throws HttpRefusal {
        if (n < 0) {
            return Optional.empty();
        }
        if (n == 0 || total == 0) {
            throw unsatisfiable(total);
        }
        return Optional.of(new RangeRequest(Math.max(0, total - n), total - 1));
    }

    /** {@code bytes=F-L} or {@code bytes=F-} (last = -2). */
    private static Optional<RangeRequest> span(long first, long last, long total) throws HttpRefusal {
        if (first < 0 || last == -1 || (last >= 0 && last < first)) {
            return Optional.empty();
        }
        if (first >= total) {
            throw unsatisfiable(total);
        }
        return Optional.of(new RangeRequest(first, last < 0 ? total - 1 : Math.min(last, total - 1)));
    }

    /**
     * @param header the {@code Range} header value, or null
     * @return the range to ask a mirror for, when apt asked for {@code bytes=F-L} or {@code bytes=F-}
     */
    static Optional<ByteRange> forMirror(String header) {
        String spec = singleByteRange(header);
        if (spec == null) {
            return Optional.empty();
        }
        long first = number(spec.substring(0, spec.indexOf('-')).trim());
        String to = spec.substring(spec.indexOf('-') + 1).trim();
        long last = to.isEmpty() ? -2 : number(to);
        if (first < 0 || last == -1 || (last >= 0 && last < first)) {
            return Optional.empty();
        }
        return Optional.of(last < 0 ? ByteRange.from(first) : ByteRange.of(first, last));
    }

    private static HttpRefusal unsatisfiable(long total) {
        return new HttpRefusal(416, "range not satisfiable: the file has " + total + " bytes");
    }

    /** @return the text after {@code bytes=} when it holds exactly one range with a dash, else null */
    static String singleByteRange(String header) {
        if (header == null) {
            return null;
        }
        String value = header.trim();
        if (value.length() < 7 || !value.regionMatches(true, 0, "bytes=", 0, 6)) {
            return null;
        }
        String spec = value.substring(6);
        return spec.indexOf(',') >= 0 || spec.indexOf('-') < 0 ? null : spec;
    }

    /** @return the value of 1 to 18 decimal digits, or -1 */
    static long number(String digits) {
        if (digits.isEmpty() || digits.length() > MAX_DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(digits);
    }
}
