package org.debswarm.peerwire.internal.swarm;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.debswarm.peerwire.internal.wire.BlockRef;
import org.debswarm.torrent.PieceBits;

/**
 * Chooses the blocks to request from a peer. Only wanted pieces not had are considered. Pieces in progress
 * come first (so one piece's blocks come from several peers at once), the pieces apt is waiting for before
 * the rest, then new pieces: waited-for ones first, then the rarest among the peers (ties broken at random).
 *
 * <p>Endgame is kept for the true end, because every copy asked for is bytes sent twice over the LAN: only when
 * no wanted piece is left to start from any connected peer does a peer with nothing else to do ask for blocks
 * already requested from another, and only for blocks outstanding for at least {@link #ENDGAME_AFTER} (a
 * peer answering at LAN speed is never doubled), and never from more than two peers at once. The copy is
 * cancelled when the first arrives.
 */
final class PiecePicker {

    /** Prepares a piece: blocks already present, or null if it is already stored. */
    interface Starter {
        BitSet begin(int piece) throws IOException;
    }

    private final PieceStorage storage;
    private final PieceBits wanted;
    private final int[] availability;
    private final LinkedHashSet<Integer> priority = new LinkedHashSet<>();
    private final Map<Integer, PieceProgress> active = new LinkedHashMap<>();
    /** Pieces whose stored copy was found or whose last block arrived: waiting for the verification outcome. */
    private final Set<Integer> settling = new HashSet<>();
    private final Random random;

    /** How long a block must have been outstanding before a second peer is asked for it. */
    static final long ENDGAME_AFTER = java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
    /** Requests for one block at once, the endgame copy included. */
    static final int MAX_COPIES = 2;

    PiecePicker(PieceStorage storage, PieceBits wanted, Random random) {
        this.storage = storage;
        this.wanted = wanted;
        this.availability = new int[storage.pieceCount()];
        this.random = random;
    }

    void prioritise(int piece) {
        wanted.set(piece);
        priority.add(piece);
    }

    boolean isPriority(int piece) {
        return priority.contains(piece);
    }

    void available(int piece, int delta) {
        availability[piece] += delta;
    }

    int availability(int piece) {
        return availability[piece];
    }

    PieceProgress progress(int piece) {
        return active.get(piece);
    }

    /** Whether {@code peer} has a piece we want and do not have. */
    boolean interesting(PeerState peer) {
        for (int p = wanted.nextSetBit(0); p >= 0; p = wanted.nextSetBit(p + 1)) {
            if (peer.has.get(p) && !storage.had().get(p)) {
                return true;
            }
        }
        return false;
    }

    List<BlockRef> pick(PeerState peer, int max, long now) throws IOException {
        List<BlockRef> out = new ArrayList<>();
        for (PieceProgress progress : ordered()) {
            take(progress, peer, out, max, now);
        }
        while (out.size() < max) {
            int piece = next(peer);
            if (piece < 0) {
                break;
            }
            BitSet present = storage.begin(piece);
            if (present == null) {
                settling.add(piece);
                continue;
            }
            PieceProgress progress = new PieceProgress(piece, storage.pieceLength(piece), present, false, Set.of());
            active.put(piece, progress);
            take(progress, peer, out, max, now);
        }
        if (out.isEmpty() && !anyStartable()) {
            for (PieceProgress progress : ordered()) {
                copy(progress, peer, out, max, now);
            }
        }
        return out;
    }

    /** Whether some wanted piece that a connected peer has is not started yet: then it is not the end. */
    private boolean anyStartable() {
        for (int p = wanted.nextSetBit(0); p >= 0; p = wanted.nextSetBit(p + 1)) {
            if (availability[p] > 0 && !storage.had().get(p) && !active.containsKey(p) && !settling.contains(p)) {
                return true;
            }
        }
        return false;
    }

    private List<PieceProgress> ordered() {
        List<PieceProgress> list = new ArrayList<>(active.size());
        active.values().stream().filter(p -> priority.contains(p.piece)).forEach(list::add);
        active.values().stream().filter(p -> !priority.contains(p.piece)).forEach(list::add);
        return list;
    }

    private void take(PieceProgress progress, PeerState peer, List<BlockRef> out, int max, long now) {
        if (!askable(progress, peer)) {
            return;
        }
        for (int b = progress.received.nextClearBit(0); b < progress.blockCount && out.size() < max;
                b = progress.received.nextClearBit(b + 1)) {
            if (progress.requests[b] == 0) {
                progress.requests[b] = 1;
                progress.requestedAt[b] = now;
                out.add(progress.block(b));
            }
        }
    }

    /** Endgame: a second request for blocks outstanding long enough, never a third. */
    private void copy(PieceProgress progress, PeerState peer, List<BlockRef> out, int max, long now) {
        if (!askable(progress, peer)) {
            return;
        }
        for (int b = progress.received.nextClearBit(0); b < progress.blockCount && out.size() < max;
                b = progress.received.nextClearBit(b + 1)) {
            BlockRef ref = progress.block(b);
            if (progress.requests[b] > 0 && progress.requests[b] < MAX_COPIES
                    && now - progress.requestedAt[b] >= ENDGAME_AFTER && !peer.requested.containsKey(ref)) {
                progress.requests[b]++;
                out.add(ref);
            }
        }
    }

    private boolean askable(PieceProgress progress, PeerState peer) {
        return peer.has.get(progress.piece) && !settling.contains(progress.piece) && progress.admits(peer);
    }

    private int next(PeerState peer) {
        for (int piece : priority) {
            if (startable(piece, peer)) {
                return piece;
            }
        }
        int best = -1;
        int ties = 0;
        for (int p = wanted.nextSetBit(0); p >= 0; p = wanted.nextSetBit(p + 1)) {
            if (!startable(p, peer)) {
                continue;
            }
            if (best < 0 || availability[p] < availability[best]) {
                best = p;
                ties = 1;
            } else if (availability[p] == availability[best] && random.nextInt(++ties) == 0) {
                best = p;
            }
        }
        return best;
    }

    private boolean startable(int piece, PeerState peer) {
        return peer.has.get(piece) && !storage.had().get(piece) && !active.containsKey(piece)
                && !settling.contains(piece);
    }

    /** A block arrived; returns its progress, or null if the piece is no longer being downloaded. */
    PieceProgress received(BlockRef ref, PeerState peer, int crc) {
        PieceProgress progress = active.get(ref.piece());
        if (progress == null) {
            return null;
        }
        int b = ref.begin() / PieceProgress.BLOCK;
        if (!progress.received.get(b)) {
            progress.received.set(b);
            progress.from[b] = peer;
            progress.crc[b] = crc;
        }
        if (progress.complete()) {
            settling.add(ref.piece());
        }
        return progress;
    }

    /** A request will not be answered (choked, cancelled, disconnected, or answered already). */
    void released(BlockRef ref) {
        PieceProgress progress = active.get(ref.piece());
        int b = ref.begin() / PieceProgress.BLOCK;
        if (progress != null && progress.requests[b] > 0) {
            progress.requests[b]--;
        }
    }

    void gone(PeerState peer) {
        active.values().forEach(p -> {
            if (p.exclusive == peer) {
                p.exclusive = null;
            }
        });
    }

    /** The piece is verified: forget it. */
    PieceProgress done(int piece) {
        settling.remove(piece);
        priority.remove(piece);
        return active.remove(piece);
    }

    /** The piece failed: retry it from one peer, never from {@code excluded}. */
    void retry(int piece, Set<PeerState> excluded) throws IOException {
        settling.remove(piece);
        PieceProgress old = active.remove(piece);
        Set<PeerState> all = new HashSet<>(excluded);
        if (old != null) {
            all.addAll(old.excluded);
        }
        BitSet present = storage.begin(piece);
        if (present == null) {
            settling.add(piece);
        } else {
            active.put(piece, new PieceProgress(piece, storage.pieceLength(piece), present, true, all));
        }
    }

    /** Forgets a piece whose storage failed for another reason than bad data; it is started afresh later. */
    void drop(int piece) {
        settling.remove(piece);
        active.remove(piece);
    }
}
