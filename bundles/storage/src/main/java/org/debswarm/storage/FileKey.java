package org.debswarm.storage;

import java.util.Locale;
import java.util.Objects;

/**
 * What a file is: where it lives in a mirror's archive layout and what its content must be, as
 * a Packages index entry says ({@code Filename}, {@code Size}, {@code SHA256}; see
 * <a href="https://wiki.debian.org/DebianRepository/Format#Packages_Indices">the repository
 * format</a>).
 *
 * <p>The constructor validates and normalises every part, so a {@code FileKey} can always be
 * turned into a path under the store without escaping it. The same checks are available as
 * {@link #checkHost}, {@link #checkPath} and {@link #checkSha256} for callers that hold only a
 * host and a path.
 */
public final class FileKey {

    /** Longest accepted host, with an optional {@code :port}. */
    public static final int MAX_HOST_LENGTH = 255;
    /** Longest accepted archive path, in characters. */
    public static final int MAX_PATH_LENGTH = 1024;
    /** Longest accepted path segment, in characters (a common file-system limit). */
    public static final int MAX_SEGMENT_LENGTH = 255;

    private final String host;
    private final String path;
    private final long size;
    private final String sha256;

    /**
     * @param host   mirror host name, optionally with {@code :port}; lower-cased
     * @param path   archive path relative to the host, e.g. {@code debian/pool/main/h/hello/hello_2.10-3_amd64.deb}
     * @param size   length in bytes, {@code >= 0}
     * @param sha256 64 hexadecimal digits; lower-cased
     * @throws IllegalArgumentException naming the part that is wrong and why
     */
    public FileKey(String host, String path, long size, String sha256) {
        this.host = checkHost(host);
        this.path = checkPath(path);
        if (size < 0) {
            throw new IllegalArgumentException("size " + size + " (expected: >= 0)");
        }
        this.size = size;
        this.sha256 = checkSha256(sha256);
    }

    /**
     * Validates a mirror host: 1 to {@value #MAX_HOST_LENGTH} characters out of
     * {@code a-z 0-9 . - _ : [ ]} (an IPv6 literal and a port are allowed), not starting with a dot.
     *
     * @return the host in lower case
     * @throws IllegalArgumentException if the host could not be a single directory name
     */
    public static String checkHost(String host) {
        Objects.requireNonNull(host, "host");
        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.isEmpty() || lower.length() > MAX_HOST_LENGTH) {
            throw invalid("host", host, "length " + host.length() + " (expected: 1 to " + MAX_HOST_LENGTH + ")");
        }
        if (lower.charAt(0) == '.') {
            throw invalid("host", host, "must not start with '.'");
        }
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || ".-_:[]".indexOf(c) >= 0;
            if (!ok) {
                throw invalid("host", host, "character " + describe(c) + " at " + i
                        + " is not allowed (expected: a-z 0-9 . - _ : [ ])");
            }
        }
        return lower;
    }

    /**
     * Validates an archive path: relative, {@code /}-separated, 1 to {@value #MAX_PATH_LENGTH}
     * characters, no empty, {@code .} or {@code ..} segment, no backslash, NUL or other control
     * character, no segment longer than {@value #MAX_SEGMENT_LENGTH}.
     *
     * @return the path unchanged
     * @throws IllegalArgumentException if the path could escape its host's folder or is unusable
     */
    public static String checkPath(String path) {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty() || path.length() > MAX_PATH_LENGTH) {
            throw invalid("path", path, "length " + path.length() + " (expected: 1 to " + MAX_PATH_LENGTH + ")");
        }
        if (path.charAt(0) == '/') {
            throw invalid("path", path, "absolute paths are not allowed");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                throw invalid("path", path, "character " + describe(c) + " at " + i + " is not allowed");
            }
        }
        for (String segment : path.split("/", -1)) {
            checkSegment(path, segment);
        }
        return path;
    }

    /**
     * Validates a SHA-256 digest written as 64 hexadecimal digits.
     *
     * @return the digest in lower case
     * @throws IllegalArgumentException if it is not 64 hexadecimal digits
     */
    public static String checkSha256(String sha256) {
        Objects.requireNonNull(sha256, "sha256");
        if (sha256.length() != 64) {
            throw invalid("sha256", sha256, "length " + sha256.length() + " (expected: 64 hex digits)");
        }
        String lower = sha256.toLowerCase(Locale.ROOT);
        for (int i = 0; i < 64; i++) {
            char c = lower.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw invalid("sha256", sha256, "character " + describe(c) + " at " + i + " is not a hex digit");
            }
        }
        return lower;
    }

    private static void checkSegment(String path, String segment) {
        if (segment.isEmpty()) {
            throw invalid("path", path, "empty segment (leading, trailing or doubled '/')");
        }
        if (segment.equals(".") || segment.equals("..")) {
            throw invalid("path", path, "segment \"" + segment + "\" is not allowed");
        }
        if (segment.length() > MAX_SEGMENT_LENGTH) {
            throw invalid("path", path, "segment length " + segment.length() + " (expected: <= " + MAX_SEGMENT_LENGTH + ")");
        }
    }

    private static IllegalArgumentException invalid(String what, String value, String why) {
        return new IllegalArgumentException(what + " " + quote(value) + ": " + why);
    }

    /** Quotes a value for an error message: control characters escaped, long values cut. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        int shown = Math.min(value.length(), 120);
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.append(shown < value.length() ? "...\"" : "\"").toString();
    }

    private static String describe(char c) {
        return c < 0x20 || c == 0x7f || c > 0x7e ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }

    public String host() {
        return host;
    }

    public String path() {
        return path;
    }

    public long size() {
        return size;
    }

    public String sha256() {
        return sha256;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileKey k && k.size == size && k.host.equals(host) && k.path.equals(path)
                && k.sha256.equals(sha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, path, size, sha256);
    }

    @Override
    public String toString() {
        return host + "/" + path + " (" + size + " bytes, sha256 " + sha256 + ")";
    }
}
