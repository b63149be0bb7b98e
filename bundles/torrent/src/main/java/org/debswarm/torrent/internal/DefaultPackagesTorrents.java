package org.debswarm.torrent.internal;

import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.PackagesTorrents;
import org.debswarm.torrent.SourceIndex;

/** The pair of torrents built from one Packages file. */
final class DefaultPackagesTorrents implements PackagesTorrents {

    private final SourceIndex source;
    private final PackagesTorrent architecture;
    private final PackagesTorrent all;
    private final int skipped;
    private final int conflicts;

    DefaultPackagesTorrents(SourceIndex source, PackagesTorrent architecture, PackagesTorrent all, int skipped,
                            int conflicts) {
        this.source = source;
        this.architecture = architecture;
        this.all = all;
        this.skipped = skipped;
        this.conflicts = conflicts;
    }

    @Override
    public SourceIndex source() {
        return source;
    }

    @Override
    public PackagesTorrent architecture() {
        return architecture;
    }

    @Override
    public PackagesTorrent all() {
        return all;
    }

    @Override
    public int skippedEntries() {
        return skipped;
    }

    @Override
    public int conflictingPaths() {
        return conflicts;
    }

    @Override
    public String toString() {
        return source + ": " + architecture + " and " + all;
    }
}
