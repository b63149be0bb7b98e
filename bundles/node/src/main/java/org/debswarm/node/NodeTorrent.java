package org.debswarm.node;

import java.util.Objects;

import org.debswarm.torrent.InfoHash;

/**
 * A torrent of this node as {@link TorrentActions} sees it: a Packages torrent of an index apt fetched through
 * the node, or a standard {@code .torrent} file of the node's torrent folder, and whether it runs.
 *
 * @param infoHash the torrent
 * @param name     its name, for people
 * @param kind     where it comes from
 * @param state    whether its session runs
 * @since 1.1
 */
public record NodeTorrent(InfoHash infoHash, String name, Kind kind, State state) {

    /** Where a torrent comes from. */
    public enum Kind {
        /** One of the two torrents of a Packages index apt fetched through the node. */
        PACKAGES,
        /** A standard {@code .torrent} file in the node's torrent folder. */
        STANDARD
    }

    /** Whether a torrent runs. */
    public enum State {
        /** Its session runs and its trackers hear from it. */
        RUNNING,
        /** Stopped by an administrator: no session, trackers told {@code stopped}; kept so across restarts. */
        STOPPED,
        /**
         * A Packages torrent an administrator forgot: stopped, left out of the node's lists, until apt brings a new
         * version of its index. (A forgotten standard torrent is no longer known at all.)
         */
        FORGOTTEN
    }

    /** Checks that nothing is null. */
    public NodeTorrent {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
    }

    /** The same torrent in another state. */
    public NodeTorrent with(State newState) {
        return new NodeTorrent(infoHash, name, kind, newState);
    }
}
