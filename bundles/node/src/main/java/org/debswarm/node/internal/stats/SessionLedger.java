package org.debswarm.node.internal.stats;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.debswarm.peerwire.PeerSnapshot;
import org.debswarm.peerwire.PeerTotals;
import org.debswarm.peerwire.SessionSnapshot;
import org.debswarm.stats.StatsRecorder;

/**
 * Turns successive snapshots of the engine's sessions into the recorder's events: what each peer sent and
 * received since the last sample (from the session's per-peer totals, which keep what closed connections moved,
 * so nothing a connection did just before it closed is lost), connections that appeared and went, pieces that
 * failed verification, peers banned, and the swarm's completion in bytes. Used from one thread.
 *
 * <p>The first sample is a baseline: it reports the connections and the completion but no bytes, bad pieces
 * or bans, since a ledger starts with the engine already running when only the statistics were replaced (a
 * live update of their bundle), and the engine's counters then hold what the previous ledger reported.
 */
final class SessionLedger {

    /** What was reported of one session. */
    private static final class Reported {
        Set<String> connected = new HashSet<>();
        Map<String, PeerTotals> totals = new HashMap<>();
        int bans;
    }

    private final StatsRecorder stats;
    private final Map<String, Reported> sessions = new HashMap<>();
    private boolean baseline = true;

    SessionLedger(StatsRecorder stats) {
        this.stats = stats;
    }

    void sample(Iterable<SessionSnapshot> snapshots) {
        Set<String> running = new HashSet<>();
        for (SessionSnapshot session : snapshots) {
            String hash = session.infoHash().toHex();
            running.add(hash);
            Reported reported = sessions.get(hash);
            if (reported == null) {
                stats.torrentNamed(hash, session.name());
                reported = new Reported();
                sessions.put(hash, reported);
            }
            sample(hash, session, reported);
        }
        sessions.entrySet().removeIf(e -> {
            if (running.contains(e.getKey())) {
                return false;
            }
            e.getValue().connected.forEach(peer -> stats.peerDisconnected(e.getKey(), peer));
            return true;
        });
        baseline = false;
    }

    private void sample(String hash, SessionSnapshot session, Reported reported) {
        Set<String> connected = new HashSet<>();
        for (PeerSnapshot peer : session.peers()) {
            connected.add(peer.peerId());
            if (reported.connected.add(peer.peerId())) {
                stats.peerConnected(hash, peer.peerId(), peer.client());
            }
        }
        reported.connected.removeIf(peer -> {
            if (connected.contains(peer)) {
                return false;
            }
            stats.peerDisconnected(hash, peer);
            return true;
        });
        Map<String, PeerTotals> now = new HashMap<>();
        for (PeerTotals totals : session.peerTotals()) {
            if (!baseline) {
                report(hash, totals, reported.totals.get(totals.peerId()));
            }
            now.put(totals.peerId(), totals);
        }
        reported.totals = now;
        bans(hash, session.bannedPeerIds(), reported);
        stats.swarmCompletion(hash, session.bytesHeldBySwarm(), session.wantedTotalBytes());
    }

    /**
     * Reports what a peer moved since {@code last}. Totals that went down belong to a new session of the same
     * torrent (stopped and started between two samples): they count from zero.
     */
    private void report(String hash, PeerTotals now, PeerTotals last) {
        boolean fresh = last == null || now.uploaded() < last.uploaded() || now.downloaded() < last.downloaded()
                || now.badPieces() < last.badPieces();
        long down = now.downloaded() - (fresh ? 0 : last.downloaded());
        long up = now.uploaded() - (fresh ? 0 : last.uploaded());
        if (down > 0) {
            stats.peerDownloaded(hash, now.peerId(), now.client(), down);
        }
        if (up > 0) {
            stats.peerUploaded(hash, now.peerId(), now.client(), up);
        }
        for (int bad = fresh ? 0 : last.badPieces(); bad < now.badPieces(); bad++) {
            stats.verificationFailed(hash, now.peerId());
        }
    }

    /** The session's list only grows; a shorter one is a new session of the same torrent (stopped and started). */
    private void bans(String hash, List<String> banned, Reported reported) {
        int from = banned.size() < reported.bans ? 0 : reported.bans;
        if (!baseline) {
            banned.subList(from, banned.size()).forEach(peer -> stats.banned(hash, peer));
        }
        reported.bans = banned.size();
    }
}
