package org.debswarm.tracker.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The raw query of a tracker request, percent-decoded to bytes.
 *
 * <p>Announce and scrape carry {@code info_hash} and {@code peer_id} as URL-encoded raw 20-byte values
 * (<a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3</a>). {@code getParameter} would decode them
 * as UTF-8 and corrupt every byte above 0x7f, so the tracker reads the undecoded query and decodes it here:
 * {@code %XX} to a byte, {@code +} to a space (form encoding), unreserved ASCII as itself. Anything else is
 * refused rather than guessed at.
 */
final class QueryString {

    private final Map<String, List<byte[]>> values;

    private QueryString(Map<String, List<byte[]>> values) {
        this.values = values;
    }

    /**
     * @param raw       the query as the servlet container hands it over, still percent-encoded; null means empty
     * @param maxLength longest query accepted, in characters
     * @param maxParams most {@code name=value} pairs accepted
     */
    static QueryString parse(String raw, int maxLength, int maxParams) throws TrackerRequestException {
        String query = raw == null ? "" : raw;
        if (query.length() > maxLength) {
            throw new TrackerRequestException("query length " + query.length() + " (expected: <= " + maxLength + ")");
        }
        Map<String, List<byte[]>> values = new LinkedHashMap<>();
        int count = 0;
        for (int start = 0; start <= query.length();) {
            int end = query.indexOf('&', start);
            end = end < 0 ? query.length() : end;
            if (end > start) {
                if (++count > maxParams) {
                    throw new TrackerRequestException("more than " + maxParams + " query parameters");
                }
                addPair(query, start, end, values);
            }
            start = end + 1;
        }
        return new QueryString(values);
    }

    private static void addPair(String query, int start, int end, Map<String, List<byte[]>> values)
            throws TrackerRequestException {
        int eq = query.indexOf('=', start);
        int nameEnd = eq < 0 || eq > end ? end : eq;
        String name = new String(decode(query, start, nameEnd), StandardCharsets.ISO_8859_1);
        byte[] value = nameEnd == end ? new byte[0] : decode(query, nameEnd + 1, end);
        values.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
    }

    private static byte[] decode(String query, int start, int end) throws TrackerRequestException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(end - start);
        for (int i = start; i < end; i++) {
            char c = query.charAt(i);
            if (c == '%') {
                out.write(hexByte(query, i, end));
                i += 2;
            } else if (c == '+') {
                out.write(' ');
            } else if (c > 0x20 && c < 0x7f) {
                out.write(c);
            } else {
                throw new TrackerRequestException(String.format("character U+%04X at offset %d of the query"
                        + " (expected: printable ASCII or %%XX)", (int) c, i));
            }
        }
        return out.toByteArray();
    }

    private static int hexByte(String query, int at, int end) throws TrackerRequestException {
        int high = at + 1 < end ? Character.digit(query.charAt(at + 1), 16) : -1;
        int low = at + 2 < end ? Character.digit(query.charAt(at + 2), 16) : -1;
        if (high < 0 || low < 0) {
            throw new TrackerRequestException("bad percent-escape at offset " + at + " of the query"
                    + " (expected: %XX with two hexadecimal digits)");
        }
        return high << 4 | low;
    }

    /** Every value of {@code name}, in query order; empty when absent. */
    List<byte[]> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** The one value of {@code name}, or null when absent; a repeated parameter is refused. */
    byte[] single(String name) throws TrackerRequestException {
        List<byte[]> found = all(name);
        if (found.size() > 1) {
            throw new TrackerRequestException(name + " given " + found.size() + " times (expected: once)");
        }
        return found.isEmpty() ? null : found.get(0);
    }

    /** The one value of {@code name}, which must be present. */
    byte[] required(String name) throws TrackerRequestException {
        byte[] value = single(name);
        if (value == null) {
            throw new TrackerRequestException("missing " + name);
        }
        return value;
    }

    /** A decimal integer in [{@code min}, {@code max}]; {@code fallback} when absent. */
    long number(String name, long min, long max, long fallback) throws TrackerRequestException {
        byte[] value = single(name);
        return value == null ? fallback : parseNumber(name, value, min, max);
    }

    /** A decimal integer in [{@code min}, {@code max}] that must be present. */
    long requiredNumber(String name, long min, long max) throws TrackerRequestException {
        return parseNumber(name, required(name), min, max);
    }

    private static long parseNumber(String name, byte[] value, long min, long max) throws TrackerRequestException {
        boolean negative = value.length > 0 && value[0] == '-';
        int first = negative ? 1 : 0;
        if (value.length == first || value.length - first > 19) {
            throw new TrackerRequestException(name + " " + TrackerRequestException.excerpt(value)
                    + " (expected: a decimal integer of 1 to 19 digits)");
        }
        long result = 0;
        for (int i = first; i < value.length; i++) {
            int digit = value[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new TrackerRequestException(name + " " + TrackerRequestException.excerpt(value)
                        + " (expected: a decimal integer)");
            }
            result = result * 10 + digit;
            if (result < 0) {
                throw new TrackerRequestException(name + " " + TrackerRequestException.excerpt(value)
                        + " (expected: <= " + max + ")");
            }
        }
        result = negative ? -result : result;
        if (result < min || result > max) {
            throw new TrackerRequestException(name + " " + result + " (expected: " + min + ".." + max + ")");
        }
        return result;
    }
}
