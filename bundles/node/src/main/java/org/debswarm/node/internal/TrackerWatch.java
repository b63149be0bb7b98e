package org.debswarm.node.internal;

import java.net.URI;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

import org.debswarm.node.NodeWarning;
import org.debswarm.node.internal.tracker.AnnounceObserver;
import org.debswarm.torrent.InfoHash;

/**
 * Two of the node's warnings, made of how its announces go (docs/fleet.md, "Traps"):
 * <ul>
 * <li>a tracker is <em>unreachable</em> once {@value #UNANSWERED} announces of one torrent in a row found no answer
 * (the first failures of an announce are only logged: a single blip is no misconfiguration); cleared as soon as it
 * answers again;</li>
 * <li>a tracker <em>gives no peers</em> when, for one torrent, {@value #EMPTY_ANSWERS} answers in a row carried no
 * peer while Local Service Discovery had already found some for it: the tracker had a whole announce interval to
 * learn of them, so the LAN's nodes announce somewhere else, or it withholds them. Cleared when it gives that
 * torrent peers, or when no torrent it was said for runs any more. A tracker on this host's loopback is never
 * judged so: that is the default, the node's own tracker, which knows only this node, and in LAN mode that is
 * expected, not a mistake.</li>
 * </ul>
 * Each warning is per tracker URL, not per torrent, so that a node with a hundred torrents says it once.
 */
final class TrackerWatch {

    static final int UNANSWERED = 3;
    static final int EMPTY_ANSWERS = 2;
    static final String UNREACHABLE_KEY = "tracker-unreachable ";
    static final String NO_PEERS_KEY = "tracker-no-peers ";
    static final String SETTING = "trackers (PID org.debswarm.node)";

    private final Traps traps;
    private final ToIntFunction<InfoHash> discovered;
    /** Per tracker, the torrents whose announces it did not answer {@value #UNANSWERED} times in a row. */
    private final Map<URI, Set<InfoHash>> unreachable = new HashMap<>();
    /** Per tracker, the torrents it answered with no peers {@value #EMPTY_ANSWERS} times while LSD found some. */
    private final Map<URI, Set<InfoHash>> empty = new HashMap<>();
    /** Per tracker and torrent, the answers in a row with no peers while LSD had found some. */
    private final Map<URI, Map<InfoHash, Integer>> emptyInARow = new HashMap<>();

    /** @param discovered how many peers Local Service Discovery found for a running torrent (0 if it does not run) */
    TrackerWatch(Traps traps, ToIntFunction<InfoHash> discovered) {
        this.traps = traps;
        this.discovered = discovered;
    }

    /** The observer of one torrent's announces. */
    AnnounceObserver observer(InfoHash torrent, String name) {
        return new AnnounceObserver() {
            @Override
            public void answered(URI tracker, int peers) {
                reached(tracker);
                if (Reachability.isRemote(tracker.getHost())) {
                    peers(tracker, torrent, name, peers == 0 ? discovered.applyAsInt(torrent) : 0);
                }
            }

            @Override
            public void unanswered(URI tracker, int inARow, String error) {
                if (inARow >= UNANSWERED) {
                    unreachable(tracker, torrent, inARow, error);
                }
            }
        };
    }

    private void reached(URI tracker) {
        synchronized (this) {
            unreachable.remove(tracker);
        }
        traps.clear(UNREACHABLE_KEY + tracker, "Tracker " + tracker + " answers again");
    }

    private void unreachable(URI tracker, InfoHash torrent, int inARow, String error) {
        synchronized (this) {
            unreachable.computeIfAbsent(tracker, t -> new HashSet<>()).add(torrent);
        }
        traps.raise(new NodeWarning(UNREACHABLE_KEY + tracker, "Tracker " + tracker + " is unreachable: "
                + inARow + " announces in a row got no answer (last: " + error + "); peers that only it knows of"
                + " cannot find this node, nor this node them.", SETTING));
    }

    /** @param lsdPeers the peers LSD found, when the tracker answered with none; 0 when it gave some */
    private void peers(URI tracker, InfoHash torrent, String name, int lsdPeers) {
        int inARow;
        boolean saidForNone;
        synchronized (this) {
            Map<InfoHash, Integer> streaks = emptyInARow.computeIfAbsent(tracker, t -> new HashMap<>());
            inARow = lsdPeers > 0 ? streaks.merge(torrent, 1, Integer::sum) : 0;
            if (inARow == 0) {
                streaks.remove(torrent);
            }
            Set<InfoHash> said = empty.computeIfAbsent(tracker, t -> new HashSet<>());
            if (inARow >= EMPTY_ANSWERS) {
                said.add(torrent);
            } else {
                said.remove(torrent);
            }
            saidForNone = said.isEmpty();
        }
        if (inARow >= EMPTY_ANSWERS) {
            traps.raise(new NodeWarning(NO_PEERS_KEY + tracker, "Tracker " + tracker + " keeps answering with no"
                    + " peers for " + name + " (" + inARow + " answers in a row), while Local Service Discovery"
                    + " found some on the LAN (" + lsdPeers + " addresses): the other nodes announce to another tracker (or to"
                    + " their own, on loopback), or this tracker withholds them. Announce every node to the same"
                    + " tracker at its LAN address, or leave trackers empty and let discovery find the peers.",
                    SETTING));
        } else if (saidForNone) {
            traps.clear(NO_PEERS_KEY + tracker, "Tracker " + tracker + " gives peers for " + name);
        }
    }

    /** A torrent stopped: what was said for it alone no longer holds. */
    void stopped(InfoHash torrent) {
        for (URI tracker : forget(unreachable, torrent)) {
            traps.clear(UNREACHABLE_KEY + tracker, "No running torrent announces to " + tracker + " any more");
        }
        synchronized (this) {
            emptyInARow.values().forEach(streaks -> streaks.remove(torrent));
        }
        for (URI tracker : forget(empty, torrent)) {
            traps.clear(NO_PEERS_KEY + tracker, "No running torrent is announced to " + tracker + " with no peers");
        }
    }

    /** Removes the torrent from each tracker's set; the trackers whose set it emptied. */
    private synchronized Set<URI> forget(Map<URI, Set<InfoHash>> byTracker, InfoHash torrent) {
        Set<URI> emptied = new HashSet<>();
        byTracker.forEach((tracker, torrents) -> {
            if (torrents.remove(torrent) && torrents.isEmpty()) {
                emptied.add(tracker);
            }
        });
        return emptied;
    }
}
