package org.debswarm.torrent;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The two torrents of one Packages file: its architecture-specific entries and its {@code Architecture: all}
 * entries, so that nodes of every architecture share one swarm for the latter.
 */
@ProviderType
public interface PackagesTorrents {

    SourceIndex source();

    /** Entries of the file's own architecture(s); empty for a {@code binary-all} Packages file. */
    PackagesTorrent architecture();

    /** Entries with {@code Architecture: all}. */
    PackagesTorrent all();

    /** Entries left out because a field was missing or invalid (no SHA256, bad Size, unsafe Filename). */
    int skippedEntries();

    /** Paths left out because several entries gave them different sizes or hashes. */
    int conflictingPaths();
}
