package org.debswarm.torrent;

/** Where a torrent is in its life in the {@link TorrentRegistry}. */
public enum TorrentStatus {
    /** Listed by the current version of at least one Packages file: seed and fetch. */
    CURRENT,
    /** No longer listed by any current Packages file: keep seeding until the retention ends. */
    SUPERSEDED,
    /** Removed from the registry: stop. */
    DROPPED
}
