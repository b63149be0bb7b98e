package org.debswarm.webconsole.internal;

import java.time.Instant;
import java.util.Optional;

import org.debswarm.stats.TorrentFigures;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.PieceBits;
import org.debswarm.torrent.TorrentRegistry;
import org.debswarm.torrent.TorrentStatus;

/**
 * What the registry says of one torrent, counted once per page: files wanted by apt and how many of them are
 * stored, bytes stored of the torrent's total, status and drop time.
 */
record TorrentSummary(String infoHash, String name, TorrentStatus status, Optional<Instant> dropTime, int files,
        int wanted, int wantedStored, long bytesStored, long totalBytes) {

    static TorrentSummary of(PackagesTorrent torrent, TorrentRegistry registry) {
        PieceBits wanted = torrent.wanted();
        PieceBits had = torrent.had();
        int wantedCount = 0;
        int wantedStored = 0;
        for (int i = wanted.nextSetBit(0); i >= 0; i = wanted.nextSetBit(i + 1)) {
            wantedCount++;
            if (had.get(i)) {
                wantedStored++;
            }
        }
        long bytes = 0;
        for (int i = had.nextSetBit(0); i >= 0; i = had.nextSetBit(i + 1)) {
            bytes += torrent.length(i);
        }
        return new TorrentSummary(torrent.infoHash().toHex(), torrent.name(), registry.status(torrent.infoHash()),
                registry.dropTime(torrent.infoHash()), torrent.pieceCount(), wantedCount, wantedStored, bytes,
                torrent.totalLength());
    }

    /** The name to show: the registry's, else what the statistics were told, else a placeholder. */
    static String displayName(String registryName, Optional<TorrentFigures> figures) {
        if (registryName != null && !registryName.isEmpty()) {
            return registryName;
        }
        return figures.map(TorrentFigures::name).filter(n -> !n.isEmpty()).orElse("(unnamed)");
    }

    String statusText() {
        return dropTime.map(t -> status + ", dropped at " + Format.time(t)).orElse(status.toString());
    }
}
