package org.debswarm.torrent;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a Packages file comes from: a mirror host and the path of the index on it, for example
 * {@code deb.debian.org} and {@code debian/dists/bookworm/main/binary-amd64/Packages}. The path is kept
 * without a leading slash and without a compression suffix ({@code .xz}, {@code .gz}, {@code .bz2},
 * {@code .lzma}, {@code .zst}), so every compressed form of one index is the same source.
 */
public final class SourceIndex {

    private static final String[] COMPRESSION = {".xz", ".gz", ".bz2", ".lzma", ".zst"};

    private final String mirrorHost;
    private final String indexPath;

    /** @throws IllegalArgumentException if the host or path is empty */
    public SourceIndex(String mirrorHost, String indexPath) {
        this.mirrorHost = requireText("mirrorHost", mirrorHost).toLowerCase(Locale.ROOT);
        this.indexPath = normalise(requireText("indexPath", indexPath));
    }

    private static String requireText(String name, String value) {
        if (Objects.requireNonNull(value, name).isBlank()) {
            throw new IllegalArgumentException(name + " is empty (expected: text)");
        }
        return value.strip();
    }

    private static String normalise(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        for (String suffix : COMPRESSION) {
            if (p.endsWith(suffix)) {
                return p.substring(0, p.length() - suffix.length());
            }
        }
        return p;
    }

    public String mirrorHost() {
        return mirrorHost;
    }

    /** The index path without leading slash or compression suffix. */
    public String indexPath() {
        return indexPath;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceIndex && mirrorHost.equals(((SourceIndex) o).mirrorHost)
                && indexPath.equals(((SourceIndex) o).indexPath);
    }

    @Override
    public int hashCode() {
        return 31 * mirrorHost.hashCode() + indexPath.hashCode();
    }

    @Override
    public String toString() {
        return mirrorHost + "/" + indexPath;
    }
}
