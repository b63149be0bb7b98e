package org.debswarm.torrent.internal;

import java.util.List;
import java.util.Map;
import org.debswarm.torrent.TorrentFormatException;
import org.debswarm.torrent.bencode.ByteString;

/**
 * Typed access to decoded metainfo, failing with a {@link TorrentFormatException} that names the field by its
 * path ({@code info.files[2].length}) and says what was expected.
 */
final class Fields {

    private Fields() {
    }

    static Object get(Map<?, ?> dictionary, String key) {
        return dictionary.get(ByteString.utf8(key));
    }

    static Map<?, ?> dictionary(Object value, String field) throws TorrentFormatException {
        return as(Map.class, value, field, "a dictionary");
    }

    static List<?> list(Object value, String field) throws TorrentFormatException {
        return as(List.class, value, field, "a list");
    }

    static ByteString string(Object value, String field) throws TorrentFormatException {
        return as(ByteString.class, value, field, "a string");
    }

    static long integer(Object value, String field, long min, long max) throws TorrentFormatException {
        long v = as(Long.class, value, field, "an integer");
        if (v < min || v > max) {
            throw new TorrentFormatException(field + " is " + v + " (expected: " + min + " to " + max + ")");
        }
        return v;
    }

    /** A file or folder name: not empty, not {@code .} or {@code ..}, no slash or NUL; UTF-8 decoded. */
    static String segment(Object value, String field) throws TorrentFormatException {
        String name = string(value, field).utf8();
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            throw new TorrentFormatException(field + " is \"" + name + "\" (expected: a file or folder name without"
                    + " slashes, not . or ..)");
        }
        return name;
    }

    private static <T> T as(Class<T> type, Object value, String field, String expected)
            throws TorrentFormatException {
        if (value == null) {
            throw new TorrentFormatException(field + " is missing (expected: " + expected + ")");
        }
        if (!type.isInstance(value)) {
            throw new TorrentFormatException(field + " is " + describe(value) + " (expected: " + expected + ")");
        }
        return type.cast(value);
    }

    private static String describe(Object value) {
        if (value instanceof Long) {
            return "an integer";
        }
        if (value instanceof ByteString) {
            return "a string";
        }
        return value instanceof List ? "a list" : "a dictionary";
    }
}
