package org.debswarm.node;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.debswarm.torrent.InfoHash;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What an administrator does to the torrents of this node: stop one, start it again, forget it. Registered by
 * the node glue (the component that runs the Packages torrents and the torrent folder's {@code .torrent} files).
 * <ul>
 * <li><b>stop</b>: the session stops (its connections close) and its trackers hear {@code stopped}
 * (<a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3</a>). It stays stopped across restarts of the
 * node and new indexes of the same Packages file, until {@link #start}.</li>
 * <li><b>start</b>: the session runs again and its trackers hear {@code started}.</li>
 * <li><b>forget</b>: stopped, and no longer listed. A Packages torrent is not run again until apt brings a new
 * version of its Packages file (the same file read again, at a restart for instance, does not bring it back); a
 * standard torrent's {@code .torrent} file moves out of the watched folder into
 * {@code <debswarm.home>/forgotten-torrents/}. Downloaded data is kept in the store either way.</li>
 * </ul>
 * Actions apply in order on the node's own thread; each returns at once with a future. A future fails with
 * {@link NoSuchElementException} when the node knows no such torrent (or, for {@code start}, a forgotten
 * standard torrent), and with {@link IllegalStateException} when the node stops before the action ran.
 *
 * @since 1.1
 */
@ProviderType
public interface TorrentActions {

    /** Every torrent of the node that runs or is stopped, and the forgotten Packages torrents; by name. */
    List<NodeTorrent> torrents();

    /** One torrent of the node; empty if it knows none with this info hash. */
    Optional<NodeTorrent> torrent(InfoHash infoHash);

    /**
     * Stops a torrent and keeps it stopped.
     *
     * @return completes with the torrent (now {@link NodeTorrent.State#STOPPED}) once its session stopped; the
     *         trackers are told {@code stopped} meanwhile. Stopping a stopped torrent changes nothing.
     */
    CompletableFuture<NodeTorrent> stop(InfoHash infoHash);

    /**
     * Runs a stopped (or forgotten Packages) torrent again. A Packages torrent runs only while the torrent
     * registry lists it; otherwise it runs when apt's next index of its Packages file lists it.
     *
     * @return completes with the torrent once its session started (a standard torrent's pieces are checked
     *         first)
     */
    CompletableFuture<NodeTorrent> start(InfoHash infoHash);

    /**
     * Stops a torrent and leaves it out of {@link #torrents()}; its data is kept.
     *
     * @return completes with the torrent (state {@link NodeTorrent.State#FORGOTTEN}) once it is stopped and, for
     *         a standard torrent, its {@code .torrent} file moved
     */
    CompletableFuture<NodeTorrent> forget(InfoHash infoHash);
}
