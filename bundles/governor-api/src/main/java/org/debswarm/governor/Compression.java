package org.debswarm.governor;

import java.util.Locale;

/**
 * The decoding a caller asks for on a response body. Decoding applies to 200 responses only:
 * other statuses and partial content are passed through unchanged. Debian archives publish index
 * files as {@code .gz}, {@code .xz} and {@code .bz2}
 * (<a href="https://wiki.debian.org/DebianRepository/Format">DebianRepository/Format</a>).
 */
public enum Compression {
    /** Bytes as the mirror sent them. */
    NONE,
    /** gzip (RFC 1952), concatenated members decoded as one stream. */
    GZ,
    /** xz (the .xz container format of XZ Utils), concatenated streams decoded as one. */
    XZ,
    /** bzip2, concatenated streams decoded as one. */
    BZ2,
    /**
     * Chosen from the suffix of the requested path (not of a redirect target): .gz, .xz, .bz2,
     * else none.
     */
    AUTO_BY_SUFFIX;

    /**
     * Returns the concrete decoding for a path: this value itself unless it is
     * {@link #AUTO_BY_SUFFIX}, in which case the path's suffix decides.
     *
     * @param path a URI path such as {@code /debian/dists/bookworm/main/binary-amd64/Packages.xz}
     * @return {@link #NONE}, {@link #GZ}, {@link #XZ} or {@link #BZ2}
     */
    public Compression resolve(String path) {
        if (this != AUTO_BY_SUFFIX) {
            return this;
        }
        String lower = path == null ? "" : path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gz")) {
            return GZ;
        }
        if (lower.endsWith(".xz")) {
            return XZ;
        }
        return lower.endsWith(".bz2") ? BZ2 : NONE;
    }
}
