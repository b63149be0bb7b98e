package org.debswarm.torrent;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service told when a torrent in the {@link TorrentRegistry} changes status, so that the peer wire
 * starts, keeps or stops its swarm. A listener that registers late is first told the status of every torrent
 * already registered. Called without registry locks held, on the caller's thread or the registry's timer
 * thread; must return quickly.
 */
@ConsumerType
public interface TorrentRegistryListener {

    void torrentChanged(PackagesTorrent torrent, TorrentStatus status);
}
