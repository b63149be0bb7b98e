package org.debswarm.node.internal;

import org.debswarm.aptlistener.IndexEntry;
import org.debswarm.aptlistener.PackagesIndex;
import org.debswarm.torrent.PackagesTorrentBuilder;
import org.debswarm.torrent.PackagesTorrents;
import org.debswarm.torrent.TorrentFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two torrents of a Packages index, from the entries the apt listener parsed (no second parse). Entry keys
 * are relative to the host ({@code debian/pool/...}); torrent paths are relative to the archive root
 * ({@code pool/...}), as the index's {@code Filename} fields, so every node derives the same infohash.
 */
final class IndexTorrents {

    private static final Logger LOG = LoggerFactory.getLogger(IndexTorrents.class);

    private IndexTorrents() {
    }

    static PackagesTorrents of(TorrentFactory factory, PackagesIndex index) {
        String root = archiveRoot(index.path());
        String prefix = root.isEmpty() ? "" : root + "/";
        PackagesTorrentBuilder builder = factory.packagesBuilder(index.host(), index.path());
        int outside = 0;
        for (IndexEntry entry : index.entries()) {
            String path = entry.key().path();
            if (!path.startsWith(prefix)) {
                outside++;
                continue;
            }
            builder.add(path.substring(prefix.length()), entry.key().size(), entry.key().sha256(),
                    entry.architectureAll());
        }
        if (outside > 0) {
            LOG.warn("{}/{}: {} entries outside the archive root {} left out", index.host(), index.path(), outside,
                    root);
        }
        return builder.build();
    }

    /**
     * The archive root of an index: the segments before {@code dists}, or a flat repository's folder; empty
     * for the host's top folder. The apt listener joined each {@code Filename} to it.
     */
    static String archiveRoot(String indexPath) {
        String[] segments = indexPath.split("/");
        int end = segments.length - 1;
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].equals("dists")) {
                end = i;
                break;
            }
        }
        return String.join("/", java.util.Arrays.copyOfRange(segments, 0, end));
    }
}
