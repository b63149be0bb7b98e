package org.debswarm.peerwire.internal.swarm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

import org.debswarm.peerwire.internal.wire.BlockRef;
import org.debswarm.peerwire.internal.wire.Message;
import org.debswarm.torrent.PieceBits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Requests, received blocks, verification outcomes and the futures of {@code want}, for one swarm. */
final class Downloader {

    private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);

    private final PieceStorage storage;
    private final PiecePicker picker;
    private final Blame blame;
    private final Collection<PeerState> peers;
    private final SwarmOptions options;
    private final LongSupplier clock;
    final RateMeter down = new RateMeter();
    private final Map<Integer, List<CompletableFuture<Void>>> waiting = new HashMap<>();

    Downloader(PieceStorage storage, PieceBits wanted, Collection<PeerState> peers, SwarmOptions options,
            LongSupplier clock, Blame blame, Random random) {
        this.storage = storage;
        this.picker = new PiecePicker(storage, wanted, random);
        this.peers = peers;
        this.options = options;
        this.clock = clock;
        this.blame = blame;
    }

    PiecePicker picker() {
        return picker;
    }

    CompletableFuture<Void> want(int piece) {
        if (storage.had().get(piece)) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> future = new CompletableFuture<>();
        waiting.computeIfAbsent(piece, p -> new ArrayList<>()).add(future);
        picker.prioritise(piece);
        try {
            storage.lookForStored(piece);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Cannot look for piece {} in the store: {}", piece, e.toString());
        }
        peers.forEach(this::refresh);
        return future;
    }

    /** Updates our interest in {@code peer} and asks it for blocks if it lets us. */
    void refresh(PeerState peer) {
        boolean interested = picker.interesting(peer);
        if (interested != peer.amInterested) {
            peer.amInterested = interested;
            send(peer, interested ? Message.interested() : Message.notInterested());
        }
        fill(peer);
    }

    void fill(PeerState peer) {
        if (peer.peerChoking || !peer.amInterested) {
            return;
        }
        int room = Math.min(options.pipeline(), peer.requestQueue > 0 ? peer.requestQueue : Integer.MAX_VALUE)
                - peer.requested.size();
        if (room <= 0) {
            return;
        }
        try {
            long now = clock.getAsLong();
            if (peer.requested.isEmpty()) {
                peer.lastBlock = now;
            }
            for (BlockRef ref : picker.pick(peer, room, now)) {
                peer.requested.put(ref, now);
                send(peer, Message.request(peer.content == null ? ref : peer.content.outgoing(ref)));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot prepare a piece for {}: {}", peer, e.toString());
        }
    }

    /** A block arrived; {@code data} is valid during this call only (a view of the connection's read buffer). */
    void received(PeerState peer, int piece, int begin, ByteBuffer data) {
        BlockRef ref = new BlockRef(piece, begin, data.remaining());
        long now = clock.getAsLong();
        if (peer.requested.remove(ref) == null) {
            LOG.debug("Unrequested block {} from {} ignored", ref, peer);
            return;
        }
        peer.lastBlock = now;
        peer.down.add(ref.length(), now);
        down.add(ref.length(), now);
        picker.released(ref);
        cancelCopies(peer, ref);
        PieceProgress progress = picker.progress(ref.piece());
        if (progress != null && !progress.received.get(ref.begin() / PieceProgress.BLOCK)) {
            try {
                storage.writeBlock(ref.piece(), ref.begin(), data.duplicate());
                picker.received(ref, peer, Blame.crc(data.duplicate()));
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot store block {} from {}: {}", ref, peer, e.toString());
            }
        }
        fill(peer);
    }

    private void cancelCopies(PeerState sender, BlockRef ref) {
        for (PeerState other : peers) {
            if (other != sender && other.requested.remove(ref) != null) {
                picker.released(ref);
                send(other, Message.cancel(other.content == null ? ref : other.content.outgoing(ref)));
            }
        }
    }

    /** The peer choked us or left: its requests will not be answered. */
    void release(PeerState peer) {
        peer.requested.keySet().forEach(picker::released);
        peer.requested.clear();
        picker.gone(peer);
    }

    void verified(int piece) {
        storage.had().set(piece);
        picker.done(piece);
        blame.verified(piece, storage);
        List<CompletableFuture<Void>> futures = waiting.remove(piece);
        if (futures != null) {
            futures.forEach(f -> f.complete(null));
        }
    }

    void failed(int piece, Throwable cause) {
        PieceProgress progress = picker.progress(piece);
        try {
            if (progress != null && PieceStorage.isBadData(cause)) {
                LOG.info("Piece {} failed verification; blaming its senders", piece);
                picker.retry(piece, blame.failed(progress));
            } else {
                LOG.debug("Piece {} was not stored: {}", piece, cause.toString());
                picker.drop(piece);
            }
        } catch (IOException e) {
            LOG.warn("Cannot restart piece {}: {}", piece, e.toString());
            picker.drop(piece);
        }
        peers.forEach(this::fill);
    }

    void stop(Throwable reason) {
        waiting.values().forEach(list -> list.forEach(f -> f.completeExceptionally(reason)));
        waiting.clear();
    }

    private void send(PeerState peer, Message message) {
        peer.lastSent = clock.getAsLong();
        peer.link.send(message);
    }
}
