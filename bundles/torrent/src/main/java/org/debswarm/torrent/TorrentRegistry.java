package org.debswarm.torrent;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.debswarm.torrent.bencode.ByteString;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The running Packages torrents of this node, by infohash and by source index. Updating a source makes its
 * new torrents current; torrents no source lists any more are superseded and keep seeding for the configured
 * retention ({@code supersededRetention}, two days by default), then are dropped. A torrent listed by several
 * sources (the {@code all} torrent of every architecture, or equal indexes on two mirrors) is one torrent,
 * current while any of them lists it.
 */
@ProviderType
public interface TorrentRegistry {

    /**
     * Makes {@code torrents} the current torrents of their source, superseding the ones they replace. A torrent
     * whose infohash is already registered keeps its registered instance, with its wanted and had state; a new
     * one first gets the pieces already had marked, from the registry's own torrents and the
     * {@link ContentLookup} service when there is one. Empty torrents are not registered.
     *
     * @return the registered (possibly pre-existing) current torrents of the source
     */
    List<PackagesTorrent> update(PackagesTorrents torrents);

    /** Supersedes the torrents of a source that is no longer used (a mirror removed from the configuration). */
    void remove(SourceIndex source);

    Optional<PackagesTorrent> find(InfoHash infoHash);

    /** The current torrents of a source; empty if unknown. */
    List<PackagesTorrent> current(SourceIndex source);

    /** Every registered torrent, current and superseded. */
    List<PackagesTorrent> torrents();

    /**
     * Where content is a piece: for each registered torrent (current or superseded) listing a file with this
     * SHA-256, the torrent and the piece index; empty when none does (or {@code sha256} is not 32 bytes). An
     * index look-up kept up to date as torrents are registered and dropped, not a scan of the pieces: cheap
     * enough for every file the store evicts.
     *
     * @since 1.2
     */
    List<TorrentPiece> pieces(ByteString sha256);

    /** The status of a torrent; {@link TorrentStatus#DROPPED} if not registered. */
    TorrentStatus status(InfoHash infoHash);

    /** When a superseded torrent will be dropped; empty if it is current or not registered. */
    Optional<Instant> dropTime(InfoHash infoHash);
}
