package org.debswarm.node.internal;

/**
 * Where a Packages torrent's files live: the mirror host and the archive root its paths are relative to,
 * empty or ending in {@code /} (for example {@code deb.debian.org} and {@code debian/}).
 */
record Origin(String mirrorHost, String archiveRoot) {

    Origin {
        if (!archiveRoot.isEmpty() && !archiveRoot.endsWith("/")) {
            throw new IllegalArgumentException("archive root " + archiveRoot + " (expected: empty or ending in /)");
        }
    }

    /** The origin of the torrents of an index published at {@code indexPath} on {@code host}. */
    static Origin ofIndex(String host, String indexPath) {
        String root = IndexTorrents.archiveRoot(indexPath);
        return new Origin(host, root.isEmpty() ? "" : root + "/");
    }
}
