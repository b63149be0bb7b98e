package org.debswarm.peerwire.internal.swarm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * Tit-for-tat (BEP 3, "Choking and optimistic unchoking"): the interested peers that gave us most lately (or,
 * when we only seed, that took most from us) get the regular upload slots; one more slot, the optimistic
 * unchoke, goes to a random other interested peer and moves on at every optimistic interval.
 */
final class Choker {

    private final int slots;
    private final Random random;
    private PeerState optimistic;

    Choker(int slots, Random random) {
        this.slots = slots;
        this.random = random;
    }

    /**
     * @param rotate whether the optimistic unchoke moves on now
     * @return the peers to unchoke; every other peer is choked
     */
    Set<PeerState> choose(Collection<PeerState> peers, ToLongFunction<PeerState> merit, boolean rotate) {
        List<PeerState> interested = new ArrayList<>();
        for (PeerState p : peers) {
            if (p.peerInterested && !p.stalled()) {
                interested.add(p);
            }
        }
        // equal merit (above all: none yet), newest first, as BEP 3 clients favour new peers: a peer that joins
        // a swarm full of peers that never read gets a slot as soon as one is free
        interested.sort(Comparator.comparingLong(merit).reversed()
                .thenComparing(Comparator.comparingLong((PeerState p) -> p.joined).reversed()));
        int regular = interested.size() <= slots ? slots : slots - 1;
        Set<PeerState> chosen = new HashSet<>(interested.subList(0, Math.min(regular, interested.size())));
        List<PeerState> others = interested.subList(Math.min(regular, interested.size()), interested.size());
        if (rotate || optimistic == null || !others.contains(optimistic)) {
            optimistic = others.isEmpty() ? null : others.get(random.nextInt(others.size()));
        }
        if (optimistic != null) {
            chosen.add(optimistic);
        }
        return chosen;
    }

    /**
     * Whether a newly interested peer may be unchoked at once, without waiting for the next round. A stalled
     * peer (it leaves our bytes unread) holds no slot, nor does an unchoked peer that is not interested (it is
     * choked at the next round, if it still is not).
     */
    boolean hasFreeSlot(Collection<PeerState> peers) {
        return peers.stream().filter(p -> !p.amChoking && p.peerInterested && !p.stalled()).count() < slots;
    }

    PeerState optimistic() {
        return optimistic;
    }
}
