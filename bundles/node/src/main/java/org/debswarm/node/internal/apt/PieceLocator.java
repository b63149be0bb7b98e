package org.debswarm.node.internal.apt;

import java.util.Collection;
import java.util.Optional;

import org.debswarm.storage.FileKey;
import org.debswarm.torrent.PackagesTorrent;

/**
 * Finds the piece of a running Packages torrent that holds a file apt asked for. Torrent paths are relative to
 * their archive root ({@code pool/...}) and the key's to the mirror host ({@code debian/pool/...}), so each
 * tail of the key's path is tried. A piece counts only if its length and SHA-256 are the key's: the same
 * content under another mirror or suite is the same piece to the store.
 */
public final class PieceLocator {

    public record Located(PackagesTorrent torrent, int piece) {
    }

    private PieceLocator() {
    }

    public static Optional<Located> find(Collection<PackagesTorrent> torrents, FileKey key) {
        String path = key.path();
        for (PackagesTorrent torrent : torrents) {
            for (int start = 0; start >= 0; start = nextSegment(path, start)) {
                int piece = torrent.indexOf(path.substring(start));
                if (piece >= 0 && matches(torrent, piece, key)) {
                    return Optional.of(new Located(torrent, piece));
                }
            }
        }
        return Optional.empty();
    }

    private static int nextSegment(String path, int start) {
        int slash = path.indexOf('/', start);
        return slash < 0 ? -1 : slash + 1;
    }

    private static boolean matches(PackagesTorrent torrent, int piece, FileKey key) {
        return torrent.length(piece) == key.size() && torrent.sha256(piece).toHex().equalsIgnoreCase(key.sha256());
    }
}
