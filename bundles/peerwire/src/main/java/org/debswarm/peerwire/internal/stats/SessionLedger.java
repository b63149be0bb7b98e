package org.debswarm.peerwire.internal.stats;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.debswarm.peerwire.PeerSnapshot;
import org.debswarm.peerwire.SessionSnapshot;
import org.debswarm.stats.StatsRecorder;

/**
 * Turns successive snapshots of the engine's sessions into the recorder's events: what each connection sent
 * and received since the last sample, connections that appeared and went, pieces that failed verification.
 * Used from one thread.
 */
final class SessionLedger {

    /** A connection's counters at the last sample. */
    private record Seen(long uploaded, long downloaded, int badPieces) {
    }

    private final StatsRecorder stats;
    private final Map<String, Map<String, Seen>> seen = new HashMap<>();
    private final Set<String> named = new HashSet<>();

    SessionLedger(StatsRecorder stats) {
        this.stats = stats;
    }

    void sample(Iterable<SessionSnapshot> sessions) {
        Set<String> running = new HashSet<>();
        for (SessionSnapshot session : sessions) {
            String hash = session.infoHash().toHex();
            running.add(hash);
            if (named.add(hash)) {
                stats.torrentNamed(hash, session.name());
            }
            sample(hash, session);
        }
        seen.keySet().removeIf(hash -> {
            if (running.contains(hash)) {
                return false;
            }
            seen.get(hash).keySet().forEach(peer -> stats.peerDisconnected(hash, peer));
            return true;
        });
        named.retainAll(running);
    }

    private void sample(String hash, SessionSnapshot session) {
        Map<String, Seen> before = seen.computeIfAbsent(hash, h -> new HashMap<>());
        Map<String, Seen> now = new HashMap<>();
        long heldBySwarm = session.bytesHad();
        for (PeerSnapshot peer : session.peers()) {
            Seen last = before.get(peer.peerId());
            if (last == null) {
                stats.peerConnected(hash, peer.peerId(), peer.client());
                last = new Seen(0, 0, 0);
            }
            report(hash, peer, last);
            now.put(peer.peerId(), new Seen(peer.uploaded(), peer.downloaded(), peer.badPieces()));
            heldBySwarm = Math.max(heldBySwarm, peer.bytesHad());
        }
        before.keySet().stream().filter(peer -> !now.containsKey(peer))
                .forEach(peer -> stats.peerDisconnected(hash, peer));
        seen.put(hash, now);
        // a lower bound of the union: the best-provided member's bytes (pieces are not compared across peers)
        stats.swarmCompletion(hash, Math.min(heldBySwarm, session.totalBytes()), session.totalBytes());
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
}
