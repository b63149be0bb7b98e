package org.debswarm.rfc822;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Turns the raw bytes of a field value into the string {@link Paragraph#field(String)} documents. */
final class Unfolding {

    private Unfolding() {
    }

    /** The value in {@code text[start, end)}: first line, then each continuation line less its first byte. */
    static String value(byte[] text, int start, int end) {
        int newline = indexOf(text, '\n', start, end);
        if (newline < 0) {
            return decode(text, start, end - start);
        }
        byte[] out = new byte[end - start];
        int n = copy(text, start, trimEnd(text, start, newline), out, 0);
        for (int p = newline + 1; p < end; ) {
            int lineEnd = indexOf(text, '\n', p, end);
            lineEnd = lineEnd < 0 ? end : lineEnd;
            if (text[p] != '#') {
                out[n++] = '\n';
                n = copy(text, p + 1, trimEnd(text, p + 1, lineEnd), out, n);
            }
            p = lineEnd + 1;
        }
        return decode(out, 0, n);
    }

    /** UTF-8 as Debian Policy 5.1 requires; ISO-8859-1 for the odd old file that is not UTF-8. */
    static String decode(byte[] bytes, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            if (bytes[i] < 0) {
                try {
                    return StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes, offset, length)).toString();
                } catch (CharacterCodingException notUtf8) {
                    break;
                }
            }
        }
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }

    private static int copy(byte[] text, int from, int to, byte[] out, int at) {
        int length = Math.max(0, to - from);
        System.arraycopy(text, from, out, at, length);
        return at + length;
    }

    private static int indexOf(byte[] text, int b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static int trimEnd(byte[] text, int from, int to) {
        while (to > from && (text[to - 1] == ' ' || text[to - 1] == '\t' || text[to - 1] == '\r')) {
            to--;
        }
        return to;
    }
}
