package org.debswarm.node.internal;

import java.util.HexFormat;

import org.debswarm.storage.EvictionListener;
import org.debswarm.storage.FileKey;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.TorrentPiece;
import org.debswarm.torrent.TorrentRegistry;
import org.debswarm.torrent.bencode.ByteString;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file the store evicted is no longer offered to peers: every running Packages torrent listing its SHA-256
 * tells its session the piece is lost (no longer had, left out of new bitfields, queued uploads dropped).
 * Runs on the store's eviction thread: a look-up in the registry's index by SHA-256 (a binary search per
 * registered torrent, not a scan of their pieces), then messages posted to the engine's I/O thread, nothing that
 * blocks.
 */
@Component(service = EvictionListener.class)
public final class EvictedPieces implements EvictionListener {

    private static final Logger LOG = LoggerFactory.getLogger(EvictedPieces.class);

    private final TorrentRegistry registry;
    private final SwarmControl swarm;

    @Activate
    public EvictedPieces(@Reference TorrentRegistry registry, @Reference SwarmControl swarm) {
        this.registry = registry;
        this.swarm = swarm;
    }

    @Override
    public void evicted(FileKey key) {
        swarm.content().ifPresent(content -> content.lost(key.sha256()));
        ByteString sha256 = ByteString.of(HexFormat.of().parseHex(key.sha256()));
        for (TorrentPiece found : registry.pieces(sha256)) {
            PackagesTorrent torrent = found.torrent();
            swarm.session(torrent.infoHash()).ifPresent(session -> session.lost(found.piece()));
            LOG.debug("{}: piece {} ({}) evicted from the store, no longer offered", torrent.name(), found.piece(),
                    key.path());
        }
    }
}
