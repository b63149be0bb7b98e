package org.debswarm.torrent.internal;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.SourceIndex;
import org.debswarm.torrent.TorrentStatus;

/**
 * A torrent in the registry: its pieces by SHA-256, the sources listing it now, and its drop time once none does.
 * Guarded by the registry.
 */
final class RegisteredTorrent {

    final PackagesTorrent torrent;
    final ContentIndex content;
    final Set<SourceIndex> sources = new HashSet<>();
    Instant dropTime;
    ScheduledFuture<?> expiry;

    RegisteredTorrent(PackagesTorrent torrent, ContentIndex content) {
        this.torrent = torrent;
        this.content = content;
    }

    TorrentStatus status() {
        return sources.isEmpty() ? TorrentStatus.SUPERSEDED : TorrentStatus.CURRENT;
    }

    /** Back to current: the pending drop is called off. */
    void restore() {
        if (expiry != null) {
            expiry.cancel(false);
            expiry = null;
            dropTime = null;
        }
    }
}
