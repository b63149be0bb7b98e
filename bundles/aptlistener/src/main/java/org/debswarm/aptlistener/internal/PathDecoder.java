package org.debswarm.aptlistener.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a raw request path ({@code %XX} escapes, <a href="https://www.rfc-editor.org/rfc/rfc3986#section-2.1">RFC
 * 3986 section 2.1</a>) into segments, refusing everything that could leave a mirror's folder or mean two
 * different files: {@code ..} segments, encoded dot segments ({@code %2e}, {@code %2e%2e}), an encoded slash
 * ({@code %2f}), a backslash, NUL and other control characters, empty segments, bad escapes and bytes that
 * are not UTF-8. A plain {@code .} segment names the same folder and is dropped: apt asks for
 * {@code /repo/./InRelease} when the sources say {@code deb http://host/repo ./} (a flat repository). The
 * checks run on the raw path, before the container's own normalisation could hide them.
 */
final class PathDecoder {

    /** Longest path segment, a common file-system limit (as the store's). */
    static final int MAX_SEGMENT_LENGTH = 255;

    private PathDecoder() {
    }

    /**
     * @param rawPath the path as sent, starting with {@code /}
     * @return its decoded segments, at least one
     * @throws HttpRefusal 400 naming the problem
     */
    static List<String> segments(String rawPath) throws HttpRefusal {
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw HttpRefusal.badRequest("request path must start with '/'");
        }
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.substring(1).split("/", -1)) {
            if (!raw.equals(".")) { // names the same folder (RFC 3986 5.2.4); apt sends it for flat repositories
                segments.add(segment(raw));
            }
        }
        if (segments.isEmpty()) {
            throw HttpRefusal.badRequest("request path " + rawPath + " names no file");
        }
        return segments;
    }

    private static String segment(String raw) throws HttpRefusal {
        if (raw.isEmpty()) {
            throw HttpRefusal.badRequest("empty path segment ('//' or a trailing '/')");
        }
        String decoded = utf8(percentDecode(raw));
        if (decoded.equals(".") || decoded.equals("..")) {
            throw HttpRefusal.badRequest("path segment '" + raw + "' (relative segments are not allowed)");
        }
        if (decoded.length() > MAX_SEGMENT_LENGTH) {
            throw HttpRefusal.badRequest("path segment of length " + decoded.length()
                    + " (expected: <= " + MAX_SEGMENT_LENGTH + ")");
        }
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || c == '/') {
                throw HttpRefusal.badRequest("character U+" + String.format("%04X", (int) c)
                        + " in path segment '" + raw + "' is not allowed");
            }
        }
        return decoded;
    }

    private static byte[] percentDecode(String raw) throws HttpRefusal {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(raw.charAt(i + 2), 16);
                if (low < 0) {
                    throw HttpRefusal.badRequest("bad percent escape in path segment '" + raw + "'");
                }
                out.write(high << 4 | low);
                i += 2;
            } else if (c > 0x7e || c < 0x21) {
                throw HttpRefusal.badRequest("unencoded character U+" + String.format("%04X", (int) c)
                        + " in request path");
            } else {
                out.write(c);
            }
        }
        return out.toByteArray();
    }

    private static String utf8(byte[] bytes) throws HttpRefusal {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw HttpRefusal.badRequest("request path is not UTF-8 after percent-decoding");
        }
    }
}
