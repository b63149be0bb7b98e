package org.debswarm.stats.internal;

import java.util.Locale;

/** Checks of the ids and counts producers pass; cheap, since they run for every recorded block. */
final class Ids {

    private static final int HEX_LENGTH = 40;

    private Ids() {
    }

    /** The id in lower case; {@code what} names it in the error. */
    static String hex(String what, String id) {
        if (id == null || id.length() != HEX_LENGTH) {
            throw new IllegalArgumentException(what + " " + describe(id) + " (expected: 40 hexadecimal digits)");
        }
        boolean lower = true;
        for (int i = 0; i < HEX_LENGTH; i++) {
            char c = id.charAt(i);
            if (c >= 'A' && c <= 'F') {
                lower = false;
            } else if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                throw new IllegalArgumentException(what + " " + describe(id) + " (expected: 40 hexadecimal digits)");
            }
        }
        return lower ? id : id.toLowerCase(Locale.ROOT);
    }

    /** Like {@link #hex} but {@code null} for anything that is not an id (for readers, who never throw). */
    static String hexOrNull(String id) {
        try {
            return hex("id", id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static long bytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes " + bytes + " (expected: >= 0)");
        }
        return bytes;
    }

    static String text(String what, String value, int max) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty (expected: text)");
        }
        return value.length() <= max ? value : value.substring(0, max);
    }

    private static String describe(String id) {
        if (id == null) {
            return "null";
        }
        return id.length() > 48 ? "of " + id.length() + " characters" : "'" + id + "'";
    }
}
