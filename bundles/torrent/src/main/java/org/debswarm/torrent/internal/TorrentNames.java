package org.debswarm.torrent.internal;

import java.util.Arrays;
import java.util.List;
import org.debswarm.torrent.SourceIndex;

/**
 * Names of the two torrents of a Packages file, after the mirror and the index's place in the archive:
 * {@code deb.debian.org debian/dists/bookworm/main/binary-amd64/Packages} gives
 * {@code deb.debian.org bookworm main binary-amd64} and {@code deb.debian.org bookworm main binary-all};
 * {@code debian/dists/bookworm/main/source/Sources} gives {@code deb.debian.org bookworm main source}.
 */
final class TorrentNames {

    private TorrentNames() {
    }

    static String architecture(SourceIndex source) {
        List<String> parts = archiveParts(source);
        return parts == null ? source.mirrorHost() + " " + source.indexPath()
                : source.mirrorHost() + " " + String.join(" ", parts);
    }

    static String all(SourceIndex source) {
        List<String> parts = archiveParts(source);
        if (parts == null) {
            return source.mirrorHost() + " " + source.indexPath() + " (all)";
        }
        String last = parts.get(parts.size() - 1);
        String suffix = last.startsWith("binary-") ? "binary-all" : last + " all";
        return source.mirrorHost() + " " + String.join(" ", parts.subList(0, parts.size() - 1)) + " " + suffix;
    }

    /** Suite, component(s) and binary-ARCH between {@code dists/} and {@code Packages}, or null. */
    private static List<String> archiveParts(SourceIndex source) {
        List<String> segments = Arrays.asList(source.indexPath().split("/"));
        int dists = segments.lastIndexOf("dists");
        int last = segments.size() - 1;
        if (dists < 0 || last - dists < 3 || !(segments.get(last).equals("Packages") || segments.get(last).equals("Sources"))) {
            return null;
        }
        return segments.subList(dists + 1, last);
    }
}
