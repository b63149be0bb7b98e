package org.debswarm.peerwire.internal.node;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

import org.debswarm.peerwire.PeerWire;
import org.debswarm.peerwire.SessionSnapshot;
import org.debswarm.storage.SpanningStorage;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.MetaInfo;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.PieceBits;
import org.debswarm.torrent.bencode.ByteString;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The node glue's sessions, run by the peer-wire engine. While the engine is being replaced this component
 * goes with it and the glue carries on detached, announcing what the store holds.
 * <p>
 * apt can ask for a package of a torrent whose session is about to start (the index was just registered). Such
 * a {@link #want} is kept and passed to the session when it starts, so that a file stored meanwhile by the
 * apt listener is still marked had and announced: the start's own look at the store sees only complete files.
 */
@Component(service = SwarmControl.class)
public final class EngineSwarmControl implements SwarmControl {

    /** Wants kept for sessions not started yet; beyond this many, a want for no session fails at once. */
    static final int MAX_EARLY_WANTS = 4096;

    private final PeerWire engine;
    /** Guards {@link #earlyWants} and orders its hand-over against {@link #start}. */
    private final Object lock = new Object();
    private final Map<InfoHash, Map<Integer, CompletableFuture<Void>>> earlyWants = new HashMap<>();
    private int earlyWantCount;

    @Activate
    public EngineSwarmControl(@Reference PeerWire engine) {
        this.engine = engine;
    }

    @Override
    public ByteString peerId() {
        return ByteString.of(engine.peerId());
    }

    @Override
    public void start(PackagesTorrent torrent, Origin origin) {
        engine.start(torrent, origin.mirrorHost(), origin.archiveRoot());
        handOverEarlyWants(torrent.infoHash());
    }

    @Override
    public void start(MetaInfo torrent, SpanningStorage storage, PieceBits had) {
        engine.start(torrent, storage, had);
    }

    @Override
    public void stop(InfoHash infoHash) {
        engine.stop(infoHash);
        Map<Integer, CompletableFuture<Void>> dropped;
        synchronized (lock) {
            dropped = removeEarlyWants(infoHash);
        }
        dropped.values().forEach(f -> f.completeExceptionally(
                new IllegalStateException("session of " + infoHash + " stopped before it started")));
    }

    @Override
    public void addPeers(InfoHash infoHash, Collection<InetSocketAddress> peers) {
        engine.addPeers(infoHash, peers);
    }

    /**
     * {@code left} is what the node does not hold of the whole torrent, as for a detached node: a Debswarm
     * node is a seeder only of a torrent it holds entirely, so trackers keep handing nodes to each other.
     */
    @Override
    public Optional<TransferCounters> counters(InfoHash infoHash) {
        return engine.snapshot(infoHash).map(EngineSwarmControl::counters);
    }

    @Override
    public int peersWith(InfoHash infoHash, int piece) {
        return engine.peersWith(infoHash, piece);
    }

    @Override
    public void fetchingFromMirror(InfoHash infoHash, int piece, boolean fetching) {
        engine.fetchingFromMirror(infoHash, piece, fetching);
    }

    @Override
    public int peersFetchingFromMirror(InfoHash infoHash, int piece, boolean withPrecedence) {
        return engine.peersFetchingFromMirror(infoHash, piece, withPrecedence);
    }

    @Override
    public int connectedPeers(InfoHash infoHash) {
        return engine.connectedPeers(infoHash);
    }

    @Override
    public CompletableFuture<Void> want(InfoHash infoHash, int piece) {
        try {
            return engine.want(infoHash, piece);
        } catch (IllegalArgumentException notRunning) {
            if (engine.snapshot(infoHash).isPresent()) {
                return CompletableFuture.failedFuture(notRunning); // a running session refused the piece
            }
        }
        CompletableFuture<Void> early;
        synchronized (lock) {
            if (earlyWantCount >= MAX_EARLY_WANTS) {
                return CompletableFuture.failedFuture(new IllegalStateException("no session for torrent " + infoHash
                        + ", and " + MAX_EARLY_WANTS + " wants already wait for sessions to start"));
            }
            Map<Integer, CompletableFuture<Void>> pieces = earlyWants.computeIfAbsent(infoHash, h -> new HashMap<>());
            early = pieces.get(piece);
            if (early == null) {
                early = new CompletableFuture<>();
                pieces.put(piece, early);
                earlyWantCount++;
            }
        }
        if (engine.snapshot(infoHash).isPresent()) {
            handOverEarlyWants(infoHash); // the session started between the refusal and the keeping
        }
        return early;
    }

    /** Passes the wants kept for a session that now runs to it; each kept future follows the session's. */
    private void handOverEarlyWants(InfoHash infoHash) {
        Map<Integer, CompletableFuture<Void>> pieces;
        synchronized (lock) {
            pieces = removeEarlyWants(infoHash);
        }
        for (Map.Entry<Integer, CompletableFuture<Void>> e : pieces.entrySet()) {
            CompletableFuture<Void> early = e.getValue();
            try {
                engine.want(infoHash, e.getKey()).whenComplete((v, failure) -> {
                    if (failure == null) {
                        early.complete(null);
                    } else {
                        early.completeExceptionally(failure);
                    }
                });
            } catch (IllegalArgumentException refused) {
                early.completeExceptionally(refused);
            }
        }
    }

    private Map<Integer, CompletableFuture<Void>> removeEarlyWants(InfoHash infoHash) {
        Map<Integer, CompletableFuture<Void>> pieces = earlyWants.remove(infoHash);
        if (pieces == null) {
            return Map.of();
        }
        earlyWantCount -= pieces.size();
        return pieces;
    }

    @Override
    public OptionalInt listeningPort() {
        return OptionalInt.of(engine.port());
    }

    private static TransferCounters counters(SessionSnapshot s) {
        return new TransferCounters(s.uploaded(), s.downloaded(), Math.max(0, s.totalBytes() - s.bytesHad()));
    }
}
