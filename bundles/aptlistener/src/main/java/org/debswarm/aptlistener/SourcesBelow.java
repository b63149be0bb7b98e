package org.debswarm.aptlistener;

import org.debswarm.storage.FileWrite;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The package sources ranked below one source, down to the mirror: where a source hands a write it took and
 * cannot finish ({@link PackageSource#offer}).
 *
 * @since 2.0
 */
@ProviderType
public interface SourcesBelow {

    /**
     * Offers {@code write} to the sources below, in ranking order; the mirror, last, takes it if no other does
     * and fills what the write still misses (one {@code Range} request through the governor), so the caller's
     * blocks are kept. A write the mirror fills already is not fetched twice: its running fill is returned.
     *
     * @param infoHash the torrent the file belongs to, hex, so that the statistics count the mirror's bytes for
     *                 it; {@code null} if none
     * @return the fill of whichever source took the write
     */
    Fill fill(FileWrite write, String infoHash);
}
