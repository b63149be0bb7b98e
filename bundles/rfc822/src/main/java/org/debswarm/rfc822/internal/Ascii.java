package org.debswarm.rfc822.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Byte-level helpers for ASCII field names and the UTF-8 (else ISO-8859-1) values of control files. */
final class Ascii {

    private static final int PREVIEW = 40;

    private Ascii() {
    }

    static int trimEnd(byte[] b, int from, int to) {
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t' || b[to - 1] == '\r')) {
            to--;
        }
        return to;
    }

    static boolean equalsIgnoreCase(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
        if (aTo - aFrom != bTo - bFrom) {
            return false;
        }
        for (int i = 0; i < aTo - aFrom; i++) {
            if (lower(a[aFrom + i]) != lower(b[bFrom + i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code b[from, to)} equals the lower-case ASCII {@code name} without regard to case. */
    static boolean isName(byte[] b, int from, int to, byte[] name) {
        if (to - from != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (lower(b[from + i]) != name[i]) {
                return false;
            }
        }
        return true;
    }

    static boolean startsWith(byte[] b, int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    static int indexOf(byte[] b, int from, int to, int value) {
        for (int i = from; i < to; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Decodes as UTF-8 (Debian Policy 5.1), falling back to ISO-8859-1 for bytes that are not UTF-8: the
     * same rule as {@code Paragraph.field}, so both readers return the same strings.
     */
    static String decode(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                try {
                    return StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(b, from, to - from)).toString();
                } catch (CharacterCodingException notUtf8) {
                    break;
                }
            }
        }
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** The start of a line for an error message, with control and non-ASCII bytes shown as '?'. */
    static String preview(byte[] b, int from, int to) {
        int n = Math.min(to - from, PREVIEW);
        StringBuilder s = new StringBuilder(n + 3);
        for (int i = from; i < from + n; i++) {
            s.append(b[i] >= 0x20 && b[i] < 0x7f ? (char) b[i] : '?');
        }
        return to - from > PREVIEW ? s.append("...").toString() : s.toString();
    }
}
