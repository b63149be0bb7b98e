package org.debswarm.consoleguard.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * Whether a request target names the Web Console, read more loosely than any servlet container would: so that
 * no spelling Jetty maps to the console escapes the check. The path is percent-decoded until it no longer
 * changes (so {@code %3B} and {@code %253B} count as {@code ;}), backslashes count as slashes, case is ignored,
 * each segment loses its path parameters ({@code ;x}) and its trailing dots and blanks, empty and {@code .}
 * segments go and {@code ..} removes the segment before it. What is left is the console when it begins with
 * {@code system/console}. Over-matching costs nothing: the apt listener and the tracker serve no such path.
 */
final class ConsolePath {

    /** Enough for any spelling a server decodes once; more rounds would only mean a crafted target. */
    private static final int MAX_DECODING_ROUNDS = 8;

    private ConsolePath() {
    }

    static boolean isConsole(String rawTarget) {
        if (rawTarget == null) {
            return false;
        }
        Deque<String> segments = segments(decoded(rawTarget).replace('\\', '/').toLowerCase(Locale.ROOT));
        return segments.size() >= 2 && "system".equals(segments.pollFirst()) && "console".equals(segments.peekFirst());
    }

    private static Deque<String> segments(String path) {
        Deque<String> kept = new ArrayDeque<>();
        for (String raw : path.split("/")) {
            String plain = withoutParameters(raw).strip();
            if (plain.equals("..")) {
                kept.pollLast();
            } else if (!trimmed(plain).isEmpty()) {
                kept.addLast(trimmed(plain));
            }
        }
        return kept;
    }

    private static String withoutParameters(String segment) {
        int semicolon = segment.indexOf(';');
        return semicolon < 0 ? segment : segment.substring(0, semicolon);
    }

    /** Without trailing dots and blanks: {@code console.} and {@code console } as {@code console}; {@code .} empty. */
    private static String trimmed(String segment) {
        int end = segment.length();
        while (end > 0 && (segment.charAt(end - 1) == '.' || Character.isWhitespace(segment.charAt(end - 1)))) {
            end--;
        }
        return segment.substring(0, end).strip();
    }

    static String decoded(String target) {
        String current = target;
        for (int round = 0; round < MAX_DECODING_ROUNDS; round++) {
            String next = decodeOnce(current);
            if (next.equals(current)) {
                return current;
            }
            current = next;
        }
        return current;
    }

    /** Percent-decoding as UTF-8 that keeps a malformed escape as it is instead of failing. */
    private static String decodeOnce(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            int c = s.codePointAt(i);
            int high = c == '%' && i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
            if (low >= 0) {
                bytes.write(high << 4 | low);
                i += 3;
            } else {
                bytes.writeBytes(new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(c);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
