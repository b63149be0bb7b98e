package org.debswarm.torrent;

import java.util.List;
import java.util.Optional;
import org.debswarm.torrent.bencode.ByteString;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A standard BitTorrent metainfo (.torrent) file, single- or multi-file, with SHA-1 pieces of a fixed length
 * (<a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3</a>), trackers in {@code announce} and
 * {@code announce-list} (<a href="https://www.bittorrent.org/beps/bep_0012.html">BEP 12</a>) and the
 * {@code private} flag (<a href="https://www.bittorrent.org/beps/bep_0027.html">BEP 27</a>).
 */
@ProviderType
public interface MetaInfo {

    /** SHA-1 of the info dictionary's bytes exactly as they appear in the file. */
    InfoHash infoHash();

    /** The info dictionary's bytes as they appear in the file (what BEP 9 peers exchange). */
    byte[] infoBytes();

    /** The file name (single-file) or folder name (multi-file). */
    String name();

    /** True for a single-file torrent ({@code length} rather than {@code files}). */
    boolean singleFile();

    /** The files in torrent order; one file named {@link #name()} for a single-file torrent. */
    List<TorrentFile> files();

    long totalLength();

    int pieceLength();

    int pieceCount();

    /** Length of piece {@code piece}: {@link #pieceLength()}, except perhaps the last. */
    int pieceLength(int piece);

    /** The SHA-1 of piece {@code piece}, 20 bytes. */
    ByteString pieceHash(int piece);

    /** The {@code announce} URL, if any. */
    Optional<String> announce();

    /** Tiers of tracker URLs from {@code announce-list}; empty if absent. */
    List<List<String>> announceTiers();

    /** The BEP 27 {@code private} flag. */
    boolean isPrivate();
}
