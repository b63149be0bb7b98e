package org.debswarm.node.internal;

import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.debswarm.aptlistener.PackagesIndex;
import org.debswarm.node.NodeTorrent;
import org.debswarm.node.NodeTorrent.Kind;
import org.debswarm.node.NodeTorrent.State;
import org.debswarm.storage.PieceStore;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.TorrentRegistry;
import org.debswarm.torrent.TorrentStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Packages torrents of the indexes this node heard of: run when current or superseded, stopped when dropped,
 * and stopped, started or forgotten by an administrator. Used on the node's thread only.
 */
final class PackagesRuns {

    private static final Logger LOG = LoggerFactory.getLogger(PackagesRuns.class);

    private final TorrentRegistry registry;
    private final PieceStore store;
    private final RunningTorrents running;
    private final List<List<URI>> trackers;
    private final HeldTorrents held;
    private final KnownTorrents known;
    /** Where each torrent this component registered lives. */
    private final Map<InfoHash, Origin> origins = new HashMap<>();
    /** The SHA-256 of the indexes that listed each torrent, since this component started. */
    private final Map<InfoHash, Set<String>> indexes = new HashMap<>();

    /** @param store null when there is none: pieces are then not checked against it */
    PackagesRuns(TorrentRegistry registry, PieceStore store, RunningTorrents running, List<List<URI>> trackers,
                 HeldTorrents held, KnownTorrents known) {
        this.registry = registry;
        this.store = store;
        this.running = running;
        this.trackers = trackers;
        this.held = held;
        this.known = known;
    }

    /** The registered current torrents of an index apt fetched. */
    void indexed(PackagesIndex index, List<PackagesTorrent> current) {
        Origin origin = Origin.ofIndex(index.host(), index.path());
        for (PackagesTorrent torrent : current) {
            origins.put(torrent.infoHash(), origin);
            indexes.computeIfAbsent(torrent.infoHash(), h -> new LinkedHashSet<>()).add(index.sha256());
            if (held.releaseIfNewIndex(torrent.infoHash(), index.sha256())) {
                LOG.info("{}: a new version of its index came; no longer forgotten", torrent.name());
            }
            run(torrent);
        }
    }

    void changed(PackagesTorrent torrent, TorrentStatus status) {
        if (status == TorrentStatus.DROPPED) {
            origins.remove(torrent.infoHash());
            indexes.remove(torrent.infoHash());
            known.remove(torrent.infoHash());
            running.stop(torrent.infoHash());
            LOG.debug("{} dropped: session and announces stopped", torrent.name());
        } else if (registry.status(torrent.infoHash()) != TorrentStatus.DROPPED) {
            run(torrent); // CURRENT, or SUPERSEDED while it keeps seeding (a late listener's first news)
        }
    }

    private void run(PackagesTorrent torrent) {
        InfoHash hash = torrent.infoHash();
        if (running.isRunning(hash) || !origins.containsKey(hash)) {
            return; // without an origin it is not from an index this component heard: that index replays later
        }
        if (held.isHeld(hash)) {
            known.put(hash, torrent.name(), Kind.PACKAGES, held.isStopped(hash) ? State.STOPPED : State.FORGOTTEN);
            return;
        }
        if (store != null) {
            int marked = torrent.markHad(new StoreContent(store));
            LOG.debug("{}: {} more pieces had in the store", torrent.name(), marked);
        }
        running.start(torrent, origins.get(hash), trackers);
        known.put(hash, torrent.name(), Kind.PACKAGES, State.RUNNING);
    }

    boolean knows(InfoHash hash) {
        return known.get(hash).filter(t -> t.kind() == Kind.PACKAGES).isPresent();
    }

    NodeTorrent stop(InfoHash hash) {
        NodeTorrent torrent = require(hash);
        held.stop(hash);
        running.stop(hash);
        known.put(hash, torrent.name(), Kind.PACKAGES, State.STOPPED);
        LOG.info("{}: stopped by an administrator", torrent.name());
        return known.get(hash).orElseThrow();
    }

    NodeTorrent forget(InfoHash hash) {
        NodeTorrent torrent = require(hash);
        held.forget(hash, indexes.getOrDefault(hash, Set.of()));
        running.stop(hash);
        known.put(hash, torrent.name(), Kind.PACKAGES, State.FORGOTTEN);
        LOG.info("{}: forgotten by an administrator until apt fetches a new version of its index", torrent.name());
        return known.get(hash).orElseThrow();
    }

    /** Runs it again if the registry still lists it; else it runs when an index lists it again. */
    NodeTorrent start(InfoHash hash) {
        NodeTorrent torrent = require(hash);
        held.release(hash);
        registry.find(hash).filter(t -> registry.status(hash) != TorrentStatus.DROPPED).ifPresentOrElse(this::run,
                () -> known.remove(hash));
        LOG.info("{}: started by an administrator", torrent.name());
        return known.get(hash).orElse(torrent.with(State.RUNNING));
    }

    private NodeTorrent require(InfoHash hash) {
        return known.get(hash).filter(t -> t.kind() == Kind.PACKAGES)
                .orElseThrow(() -> new NoSuchElementException("no Packages torrent " + hash.toHex() + " on this node"));
    }
}
