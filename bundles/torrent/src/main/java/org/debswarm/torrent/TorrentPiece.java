package org.debswarm.torrent;

import java.util.Objects;

/**
 * One piece of a registered Packages torrent, as {@link TorrentRegistry#pieces} finds it.
 *
 * @param torrent the registered instance (with its wanted and had state)
 * @param piece   the piece index, {@code 0 <= piece < torrent.pieceCount()}
 * @since 1.2
 */
public record TorrentPiece(PackagesTorrent torrent, int piece) {

    public TorrentPiece {
        Objects.requireNonNull(torrent, "torrent");
        if (piece < 0 || piece >= torrent.pieceCount()) {
            throw new IllegalArgumentException("piece " + piece + " (expected: 0 to " + (torrent.pieceCount() - 1)
                    + ")");
        }
    }
}
