package org.debswarm.torrent;

import java.io.IOException;
import java.io.OutputStream;
import org.debswarm.torrent.bencode.ByteString;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A torrent derived from the entries of a Debian Packages file: piece {@code i} is the whole file
 * {@link #path(int)} (the entry's {@code Filename}), of {@link #length(int)} bytes ({@code Size}), verified by
 * {@link #sha256(int)} ({@code SHA256}). Pieces are ordered by path as raw UTF-8 bytes. On the wire a piece
 * travels in 16 KiB blocks and is verified whole. The file list is immutable; {@link #wanted()} and
 * {@link #had()} are live, thread-safe state. The derivation is specified in {@code docs/torrent-format.md}.
 *
 * @see <a href="https://www.debian.org/doc/debian-policy/ch-controlfields.html">Debian Policy, control fields</a>
 * @see <a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3</a>
 */
@ProviderType
public interface PackagesTorrent {

    /** Bytes of a block on the wire, as BEP 3 clients request them. */
    int BLOCK_LENGTH = 16 * 1024;

    /** SHA-1 of the canonical file list: equal file lists give equal infohashes, whatever their source. */
    InfoHash infoHash();

    /** For people, for example {@code deb.debian.org bookworm main binary-amd64}; not part of the infohash. */
    String name();

    /** True for the torrent of the {@code Architecture: all} entries. */
    boolean architectureAll();

    int pieceCount();

    /** The archive path of piece {@code piece}, relative to the archive root ({@code pool/main/...}). */
    String path(int piece);

    /** Length in bytes of piece (file) {@code piece}. */
    long length(int piece);

    /** The SHA-256 of piece {@code piece}, 32 bytes. */
    ByteString sha256(int piece);

    /** The piece whose path is {@code path}, or -1. */
    int indexOf(String path);

    /** Sum of the lengths of all pieces. */
    long totalLength();

    /** Pieces asked for (by apt); empty when the torrent is created: nothing is fetched until wanted. */
    PieceBits wanted();

    /** Pieces held verified by this node. */
    PieceBits had();

    /**
     * Marks as had every piece whose SHA-256 {@code lookup} knows.
     *
     * @return how many pieces were newly marked
     */
    int markHad(ContentLookup lookup);

    /** Writes the canonical bencoded file list whose SHA-1 is {@link #infoHash()}. */
    void writeFileList(OutputStream out) throws IOException;
}
