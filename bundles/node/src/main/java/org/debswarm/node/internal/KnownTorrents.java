package org.debswarm.node.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.debswarm.node.NodeTorrent;
import org.debswarm.torrent.InfoHash;

/**
 * The torrents the node lists, with their state: written on the node's thread as torrents start, stop or go,
 * read from any thread (the console's requests).
 */
final class KnownTorrents {

    private static final Comparator<NodeTorrent> ORDER = Comparator.comparing(NodeTorrent::kind)
            .thenComparing(NodeTorrent::name).thenComparing(t -> t.infoHash().toHex());

    private final Map<InfoHash, NodeTorrent> byHash = new ConcurrentHashMap<>();

    void put(InfoHash hash, String name, NodeTorrent.Kind kind, NodeTorrent.State state) {
        byHash.put(hash, new NodeTorrent(hash, name, kind, state));
    }

    void remove(InfoHash hash) {
        byHash.remove(hash);
    }

    Optional<NodeTorrent> get(InfoHash hash) {
        return Optional.ofNullable(byHash.get(hash));
    }

    /** Packages torrents first, then standard ones, each by name. */
    List<NodeTorrent> all() {
        return byHash.values().stream().sorted(ORDER).toList();
    }
}
