package org.debswarm.peerwire.internal;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import org.debswarm.peerwire.internal.swarm.ContentCatalog;
import org.debswarm.storage.FileKey;
import org.debswarm.torrent.PieceBits;
import org.debswarm.torrent.bencode.ByteString;

/**
 * The content swarm's pieces in the store: piece {@code i} is the file the catalog numbers {@code i}, stored (or to
 * be stored) under the path it was last offered or wanted at. Any path does for the store: a write joins the write
 * in progress for the same content, and a stored file is found by content. Confined to the engine's I/O thread.
 */
final class ContentFiles implements PackagesStorage.Files {

    private final ContentCatalog catalog;
    private final PieceBits had;
    private final Map<Integer, FileKey> keys = new HashMap<>();

    ContentFiles(ContentCatalog catalog) {
        this.catalog = catalog;
        this.had = new PieceBits(catalog.capacity());
    }

    ContentCatalog catalog() {
        return catalog;
    }

    /**
     * The file's number, given one if it has none, and {@code key} the path it is read from or written to.
     *
     * @throws IllegalArgumentException if the catalog knows the content with another length
     * @throws IllegalStateException    if the catalog is full
     */
    int number(FileKey key) {
        int piece = catalog.add(sha256(key), key.size());
        keys.put(piece, key);
        return piece;
    }

    /** The file's number, or -1 if it has none. */
    int indexOf(String sha256) {
        return catalog.indexOf(ByteString.of(HexFormat.of().parseHex(sha256)));
    }

    static ByteString sha256(FileKey key) {
        return ByteString.of(HexFormat.of().parseHex(key.sha256()));
    }

    @Override
    public int count() {
        return catalog.capacity();
    }

    /** Only the numbered files: snapshots read no further than these. */
    @Override
    public int inUse() {
        return catalog.size();
    }

    @Override
    public long length(int piece) {
        return catalog.length(piece);
    }

    @Override
    public PieceBits had() {
        return had;
    }

    @Override
    public FileKey key(int piece) {
        FileKey key = keys.get(piece);
        if (key == null) {
            throw new IllegalStateException("content file " + piece + " has no path (expected: offered or wanted)");
        }
        return key;
    }
}
