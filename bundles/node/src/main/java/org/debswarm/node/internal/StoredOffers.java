package org.debswarm.node.internal;

import java.io.IOException;
import java.util.List;

import org.debswarm.storage.PieceStore;
import org.debswarm.storage.StoreEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The content swarm offers every verified file of the store, listed by a current index or not, until the store
 * evicts it (issue 14 item 2: superseded versions keep serving). At start, what the store holds.
 */
final class StoredOffers {

    private static final Logger LOG = LoggerFactory.getLogger(StoredOffers.class);

    private StoredOffers() {
    }

    /** Offers every file the store holds to the content swarm, if it runs. */
    static void offerAll(PieceStore store, SwarmControl swarm) {
        swarm.content().ifPresent(content -> {
            try {
                List<org.debswarm.storage.FileKey> keys = store.entries().stream().map(StoreEntry::key).toList();
                content.offer(keys);
                LOG.debug("{} stored files offered to the content swarm", keys.size());
            } catch (IOException e) {
                LOG.warn("Stored files not offered to the content swarm: {}", e.toString());
            }
        });
    }
}
