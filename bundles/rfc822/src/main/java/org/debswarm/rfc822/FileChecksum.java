package org.debswarm.rfc822;

import java.util.Locale;
import java.util.Objects;

/**
 * A file named in an index with its size and SHA-256 digest: an entry of a {@code Release} hash list,
 * of a {@code Sources} {@code Checksums-Sha256} list or of a pdiff {@code Index}. Immutable.
 *
 * <p>Paths are checked to be safe to resolve below a mirror root: relative, without {@code ..}
 * segments, blanks or control characters. The path is empty only for a pdiff {@code SHA256-Current}
 * entry, which describes the index file itself.
 */
public final class FileChecksum {

    private final String path;
    private final long size;
    private final String sha256;

    /**
     * @param path   relative path as published, or empty (see the class comment)
     * @param size   size in bytes, at least 0
     * @param sha256 64 hexadecimal digits in either case; kept in lower case
     * @throws IllegalArgumentException if a value is invalid; the message says which
     */
    public FileChecksum(String path, long size, String sha256) {
        this.path = path.isEmpty() ? path : checkPath(path);
        this.size = checkSize(size);
        this.sha256 = checkHex(sha256, 64, "SHA-256");
    }

    /** The path as published (relative to the listing's base), empty for {@code SHA256-Current}. */
    public String path() {
        return path;
    }

    /** The size in bytes. */
    public long size() {
        return size;
    }

    /** The SHA-256 digest as 64 lower-case hexadecimal digits. */
    public String sha256() {
        return sha256;
    }

    static String checkPath(String path) {
        if (path.isEmpty() || path.charAt(0) == '/') {
            throw new IllegalArgumentException("path '" + abbreviate(path) + "' (expected: a non-empty relative path)");
        }
        int segmentStart = 0;
        for (int i = 0; i <= path.length(); i++) {
            char c = i < path.length() ? path.charAt(i) : '/';
            if (c <= ' ' || c == 0x7f) {
                throw new IllegalArgumentException("path '" + abbreviate(path)
                        + "' contains a blank or control character");
            }
            if (c == '/') {
                if (i - segmentStart == 2 && path.startsWith("..", segmentStart)) {
                    throw new IllegalArgumentException("path '" + abbreviate(path) + "' contains a '..' segment");
                }
                segmentStart = i + 1;
            }
        }
        return path;
    }

    static long checkSize(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("size " + size + " (expected: >= 0)");
        }
        return size;
    }

    static String checkHex(String hex, int digits, String what) {
        if (hex.length() != digits) {
            throw new IllegalArgumentException(what + " '" + abbreviate(hex) + "' has " + hex.length()
                    + " characters (expected: " + digits + " hexadecimal digits)");
        }
        for (int i = 0; i < digits; i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                throw new IllegalArgumentException(what + " '" + abbreviate(hex) + "' is not hexadecimal");
            }
        }
        return hex.toLowerCase(Locale.ROOT);
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FileChecksum)) {
            return false;
        }
        FileChecksum other = (FileChecksum) o;
        return size == other.size && path.equals(other.path) && sha256.equals(other.sha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, size, sha256);
    }

    @Override
    public String toString() {
        return sha256 + " " + size + " " + path;
    }
}
