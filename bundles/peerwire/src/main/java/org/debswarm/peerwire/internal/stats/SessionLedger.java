package org.debswarm.peerwire.internal.stats;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.debswarm.peerwire.PeerSnapshot;
import org.debswarm.peerwire.SessionSnapshot;
import org.debswarm.stats.StatsRecorder;

/**
 * Turns successive snapshots of the engine's sessions into the recorder's events: what each connection sent
 * and received since the last sample, connections that appeared and went, pieces that failed verification,
 * peers banned, and the swarm's completion in bytes. Used from one thread.
 *
 * <p>The first sample is a baseline: it reports the connections and the completion but no bytes, bad pieces
 * or bans, since a ledger starts with the engine already running when only the statistics were replaced (a
 * live update of their bundle), and the engine's counters then hold what the previous ledger reported.
 */
final class SessionLedger {

    /** A connection's counters at the last sample. */
    private record Seen(long uploaded, long downloaded, int badPieces) {
    }

    /** What was reported of one session. */
    private static final class Reported {
        Map<String, Seen> peers = new HashMap<>();
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
            e.getValue().peers.keySet().forEach(peer -> stats.peerDisconnected(e.getKey(), peer));
            return true;
        });
        baseline = false;
    }

    private void sample(String hash, SessionSnapshot session, Reported reported) {
        Map<String, Seen> now = new HashMap<>();
        for (PeerSnapshot peer : session.peers()) {
            Seen last = reported.peers.get(peer.peerId());
            if (last == null) {
                stats.peerConnected(hash, peer.peerId(), peer.client());
                last = new Seen(0, 0, 0);
            }
            Seen current = new Seen(peer.uploaded(), peer.downloaded(), peer.badPieces());
            if (!baseline) {
                report(hash, peer, last);
            }
            now.put(peer.peerId(), current);
        }
        reported.peers.keySet().stream().filter(peer -> !now.containsKey(peer))
                .forEach(peer -> stats.peerDisconnected(hash, peer));
        reported.peers = now;
        bans(hash, session.bannedPeerIds(), reported);
        stats.swarmCompletion(hash, session.bytesHeldBySwarm(), session.wantedTotalBytes());
    }

    private void report(String hash, PeerSnapshot peer, Seen last) {
        long down = peer.downloaded() - last.downloaded();
        long up = peer.uploaded() - last.uploaded();
        if (down > 0) {
            stats.peerDownloaded(hash, peer.peerId(), peer.client(), down);
        }
        if (up > 0) {
            stats.peerUploaded(hash, peer.peerId(), peer.client(), up);
        }
        for (int bad = last.badPieces(); bad < peer.badPieces(); bad++) {
            stats.verificationFailed(hash, peer.peerId());
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
