package org.debswarm.torrent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Creates torrents: from Debian Packages files, and standard .torrent files. */
@ProviderType
public interface TorrentFactory {

    /**
     * Reads a Packages file and derives its two torrents, named after the mirror and index, for example
     * {@code deb.debian.org bookworm main binary-amd64} and {@code ... binary-all}.
     *
     * @param mirrorHost host the file came from, for example {@code deb.debian.org}
     * @param indexPath path of the file on the mirror, for example
     *                  {@code debian/dists/bookworm/main/binary-amd64/Packages.xz}
     * @param plainPackages the uncompressed Packages content; read to its end, not closed
     * @throws IOException if the stream cannot be read or is not a Packages file
     */
    PackagesTorrents fromPackages(String mirrorHost, String indexPath, InputStream plainPackages) throws IOException;

    /**
     * Reads a Sources file and derives its source torrent: one piece per file of every
     * {@code Checksums-Sha256} list ({@code .dsc}, orig and debian tarballs), its path the {@code Directory}
     * joined with the file name, verified by its SHA-256; the same file list, sorting, duplicate rule and
     * infohash as for Packages (docs/torrent-format.md, section "Sources"). The torrent is
     * {@link PackagesTorrents#architecture()}, named for example {@code deb.debian.org bookworm main source};
     * {@link PackagesTorrents#all()} is empty.
     *
     * @param plainSources the uncompressed Sources content; read to its end, not closed
     * @throws IOException if the stream cannot be read or a paragraph lacks Package, Version, Directory or
     *                     Checksums-Sha256 (the whole file is rejected, as for Packages)
     * @since 1.1
     */
    PackagesTorrents fromSources(String mirrorHost, String indexPath, InputStream plainSources) throws IOException;

    /** A builder for the torrents of a Packages file whose entries the caller has parsed already. */
    PackagesTorrentBuilder packagesBuilder(String mirrorHost, String indexPath);

    /**
     * Reads a .torrent file.
     *
     * @throws TorrentFormatException if it is not bencoded, or not valid BEP 3 metainfo
     */
    MetaInfo readTorrentFile(byte[] torrentFile) throws TorrentFormatException;

    /**
     * Creates a .torrent file for a folder (multi-file: every regular file below it, in order of their path
     * segments compared as UTF-8 bytes) or a single regular file. The result is reproducible: no creation
     * date, so the same content always gives the same bytes.
     *
     * @param announce tracker URLs, each its own BEP 12 tier in this order; the first is also {@code announce};
     *                 may be empty
     * @param pieceLength a power of two from 16 KiB to 16 MiB, or 0 to choose one (the smallest giving at
     *                    most 2048 pieces)
     */
    byte[] createTorrentFile(Path folder, List<String> announce, int pieceLength) throws IOException;
}
