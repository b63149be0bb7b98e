package org.debswarm.torrent.internal;

import java.nio.charset.StandardCharsets;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.PackagesTorrentBuilder;
import org.debswarm.torrent.PackagesTorrents;
import org.debswarm.torrent.SourceIndex;

/**
 * Collects entries into an {@link EntryBuffer}, then splits them into the architecture and {@code all}
 * torrents, each sorted by path with duplicates resolved (docs/torrent-format.md, "Duplicate paths").
 */
public final class DefaultPackagesTorrentBuilder implements PackagesTorrentBuilder {

    private final SourceIndex source;
    private final EntryBuffer entries = new EntryBuffer();
    private final byte[] hash = new byte[EntryBuffer.SHA256_LENGTH];
    private int skipped;
    private int conflicts;
    private boolean built;

    public DefaultPackagesTorrentBuilder(SourceIndex source) {
        this.source = source;
    }

    @Override
    public boolean add(String path, long length, String sha256, boolean architectureAll) {
        if (length < 0 || !EntryRules.isSafePath(path) || !EntryRules.parseSha256(sha256, hash)) {
            skipped++;
            return false;
        }
        entries.add(path.getBytes(StandardCharsets.UTF_8), length, hash, architectureAll);
        return true;
    }

    @Override
    public PackagesTorrents build() {
        if (built) {
            throw new IllegalStateException("build() called twice on the builder for " + source);
        }
        built = true;
        PackagesTorrent architecture = torrent(false, TorrentNames.architecture(source));
        PackagesTorrent all = torrent(true, TorrentNames.all(source));
        return new DefaultPackagesTorrents(source, architecture, all, skipped, conflicts);
    }

    private PackagesTorrent torrent(boolean architectureAll, String name) {
        int[] chosen = new int[entries.size()];
        int count = 0;
        for (int entry = 0; entry < entries.size(); entry++) {
            if (entries.architectureAll(entry) == architectureAll) {
                chosen[count++] = entry;
            }
        }
        IndexSort.sort(chosen, count, entries::comparePaths);
        count = resolveDuplicates(chosen, count);
        return new CompactPackagesTorrent(new CompactFileList(entries, chosen, count), name, architectureAll);
    }

    /**
     * Entries with the same path and the same length and hash are one file; a path given different contents
     * is left out altogether, so no node serves one of them under a hash apt may not expect.
     */
    private int resolveDuplicates(int[] sorted, int count) {
        int kept = 0;
        int i = 0;
        while (i < count) {
            int end = i + 1;
            boolean agree = true;
            while (end < count && entries.comparePaths(sorted[i], sorted[end]) == 0) {
                agree &= entries.sameContent(sorted[i], sorted[end]);
                end++;
            }
            if (agree) {
                sorted[kept++] = sorted[i];
            } else {
                conflicts++;
            }
            i = end;
        }
        return kept;
    }
}
