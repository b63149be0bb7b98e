package org.debswarm.node.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.debswarm.storage.PieceStore;
import org.debswarm.torrent.ContentLookup;
import org.debswarm.torrent.bencode.ByteString;

/**
 * The store's contents by SHA-256, whatever their path: the {@link ContentLookup} with which a new torrent's
 * pieces already stored are marked had. The storage bundle registers no {@code ContentLookup} service, so the
 * registry marks only what its own torrents had; the node adds what the store holds.
 */
final class StoreContent implements ContentLookup {

    private final PieceStore store;

    StoreContent(PieceStore store) {
        this.store = store;
    }

    @Override
    public boolean hasContent(ByteString sha256) {
        try {
            return store.lookupBySha256(sha256.toHex()).isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
