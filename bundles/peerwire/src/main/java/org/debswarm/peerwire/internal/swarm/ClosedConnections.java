package org.debswarm.peerwire.internal.swarm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.debswarm.peerwire.PeerSnapshot;
import org.debswarm.peerwire.PeerTotals;
import org.debswarm.peerwire.SessionSnapshot;

/**
 * Per peer id, what the closed connections of a swarm moved, so that a snapshot's totals keep what a
 * connection did before it closed. Bounded: the {@value SessionSnapshot#MAX_PEER_TOTALS} peers closed last.
 * Confined to the swarm's thread.
 */
final class ClosedConnections {

    private final Map<String, PeerTotals> totals = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PeerTotals> eldest) {
            return size() > SessionSnapshot.MAX_PEER_TOTALS;
        }
    };

    void closed(PeerSnapshot connection) {
        PeerTotals before = totals.get(connection.peerId());
        totals.put(connection.peerId(), before == null ? PeerTotals.of(connection) : before.plus(connection));
    }

    /** Every peer's totals: its closed connections plus its open one. */
    List<PeerTotals> with(List<PeerSnapshot> open) {
        Map<String, PeerTotals> all = new LinkedHashMap<>(totals);
        for (PeerSnapshot connection : open) {
            PeerTotals before = all.get(connection.peerId());
            all.put(connection.peerId(), before == null ? PeerTotals.of(connection) : before.plus(connection));
        }
        return new ArrayList<>(all.values());
    }
}
