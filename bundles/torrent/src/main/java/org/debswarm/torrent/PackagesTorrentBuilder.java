package org.debswarm.torrent;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Builds the torrents of one Packages file from its entries, independent of how they were parsed. Entries
 * may come in any order. Not thread-safe; build once.
 */
@ProviderType
public interface PackagesTorrentBuilder {

    /**
     * Adds one entry. Entries that cannot be verified or stored safely are left out and counted in
     * {@link PackagesTorrents#skippedEntries()}: a null or missing value, a negative length, a SHA-256 that
     * is not 64 hexadecimal digits, a path that is empty, absolute, has an empty, {@code .} or {@code ..}
     * segment, a backslash or a control character.
     *
     * @param path {@code Filename}, relative to the archive root
     * @param length {@code Size}
     * @param sha256 {@code SHA256}, hexadecimal (either case)
     * @param architectureAll true for {@code Architecture: all}
     * @return false if the entry was left out
     */
    boolean add(String path, long length, String sha256, boolean architectureAll);

    /** @throws IllegalStateException if called twice */
    PackagesTorrents build();
}
