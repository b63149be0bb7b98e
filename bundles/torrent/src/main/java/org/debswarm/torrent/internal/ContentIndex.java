package org.debswarm.torrent.internal;

import java.util.Arrays;
import java.util.List;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.TorrentPiece;
import org.debswarm.torrent.bencode.ByteString;

/**
 * The pieces of one Packages torrent by SHA-256, for {@link DefaultTorrentRegistry#pieces}. Eight bytes per
 * piece (about 500 KB for a Debian main Packages file of 60,000 files), where a hash map from SHA-256 to piece
 * would take well over 100: one sorted {@code long} per piece, the first four bytes of its SHA-256 above its
 * index. A look-up is a binary search on those four bytes, and each candidate is then compared in full (two
 * files may share four bytes). Immutable, built once when the torrent is registered.
 */
final class ContentIndex {

    private static final int SHA256_LENGTH = 32;

    private final PackagesTorrent torrent;
    private final long[] entries;

    ContentIndex(PackagesTorrent torrent) {
        this.torrent = torrent;
        this.entries = new long[torrent.pieceCount()];
        for (int piece = 0; piece < entries.length; piece++) {
            entries[piece] = entry(prefix(torrent.sha256(piece)), piece);
        }
        Arrays.sort(entries);
    }

    /** Adds to {@code found} the pieces of this torrent whose content is {@code sha256}. */
    void find(ByteString sha256, List<TorrentPiece> found) {
        if (sha256.length() != SHA256_LENGTH) {
            return;
        }
        int prefix = prefix(sha256);
        int i = Arrays.binarySearch(entries, entry(prefix, 0));
        for (i = i < 0 ? -i - 1 : i; i < entries.length && (int) (entries[i] >> 32) == prefix; i++) {
            int piece = (int) entries[i];
            if (torrent.sha256(piece).equals(sha256)) {
                found.add(new TorrentPiece(torrent, piece));
            }
        }
    }

    private static long entry(int prefix, int piece) {
        return (long) prefix << 32 | piece & 0xffff_ffffL;
    }

    private static int prefix(ByteString sha256) {
        return (sha256.byteAt(0) & 0xff) << 24 | (sha256.byteAt(1) & 0xff) << 16 | (sha256.byteAt(2) & 0xff) << 8
                | sha256.byteAt(3) & 0xff;
    }
}
