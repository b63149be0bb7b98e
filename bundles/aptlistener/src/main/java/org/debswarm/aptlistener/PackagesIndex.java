package org.debswarm.aptlistener;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A parsed {@code Packages} index of one mirror: where it came from, what it held, and when it was parsed.
 * Since 1.1 it may also be a parsed {@code Sources} index ({@link #isSources()}), whose entries are the files
 * of its source packages, of architecture {@link IndexEntry#SOURCE}. Immutable.
 */
public final class PackagesIndex {

    private final String host;
    private final String path;
    private final String sha256;
    private final Instant parsedAt;
    private final List<IndexEntry> entries;

    /**
     * @param host the mirror host, such as {@code deb.debian.org}
     * @param path the index as published, relative to the host, such as
     *        {@code debian/dists/bookworm/main/binary-amd64/Packages.xz}
     * @param sha256 the SHA-256 of the file as published (compressed), 64 lower-case hex digits
     * @param parsedAt when it was parsed
     * @param entries its entries, in index order (copied)
     */
    public PackagesIndex(String host, String path, String sha256, Instant parsedAt, List<IndexEntry> entries) {
        this.host = Objects.requireNonNull(host, "host");
        this.path = Objects.requireNonNull(path, "path");
        this.sha256 = Objects.requireNonNull(sha256, "sha256");
        this.parsedAt = Objects.requireNonNull(parsedAt, "parsedAt");
        this.entries = List.copyOf(entries);
    }

    /** @return the mirror host */
    public String host() {
        return host;
    }

    /** @return the path of the index as published, compression suffix included */
    public String path() {
        return path;
    }

    /**
     * @return the path without its compression suffix ({@code .xz}, {@code .gz}, {@code .bz2}): every
     *         compressed form of one index is one source, and a new version replaces the old
     */
    public String source() {
        return withoutCompression(path);
    }

    /**
     * @return whether this is a {@code Sources} index (its file name, compression aside, is {@code Sources}),
     *         whose entries are source package files; otherwise a {@code Packages} index
     * @since 1.1
     */
    public boolean isSources() {
        String source = source();
        return source.equals("Sources") || source.endsWith("/Sources");
    }

    /** @return the SHA-256 of the published (compressed) file */
    public String sha256() {
        return sha256;
    }

    /** @return when the index was parsed */
    public Instant parsedAt() {
        return parsedAt;
    }

    /** @return the entries, in index order */
    public List<IndexEntry> entries() {
        return entries;
    }

    /**
     * @param path an index path
     * @return the path without a {@code .xz}, {@code .gz}, {@code .bz2}, {@code .lzma} or {@code .zst} suffix
     */
    public static String withoutCompression(String path) {
        for (String suffix : new String[] {".xz", ".gz", ".bz2", ".lzma", ".zst"}) {
            if (path.endsWith(suffix)) {
                return path.substring(0, path.length() - suffix.length());
            }
        }
        return path;
    }

    @Override
    public String toString() {
        return "PackagesIndex[" + host + "/" + path + ", " + entries.size() + " entries, sha256 " + sha256 + "]";
    }
}
