package org.debswarm.node.internal;

import java.net.InetSocketAddress;
import java.util.Collection;
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
 * A {@link #want} is kept until the torrent's session has the piece, and handed again to every session of that
 * torrent that starts meanwhile ({@link KeptWants}): apt can ask for a package just before its torrent's session
 * starts, or while it is started again after a configuration change, and the file the apt listener stores then
 * must still be marked had and announced.
 */
@Component(service = SwarmControl.class)
public final class EngineSwarmControl implements SwarmControl {

    /** Wants kept at most; beyond, the oldest is dropped. */
    static final int MAX_KEPT_WANTS = 4096;

    private final PeerWire engine;
    private final KeptWants wants = new KeptWants(MAX_KEPT_WANTS);

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
        wants.of(torrent.infoHash()).forEach(this::handOver);
    }

    @Override
    public void start(MetaInfo torrent, SpanningStorage storage, PieceBits had) {
        engine.start(torrent, storage, had);
    }

    @Override
    public void stop(InfoHash infoHash) {
        engine.stop(infoHash); // its wants stay kept, for the session that starts next
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
        KeptWants.Want want = new KeptWants.Want(infoHash, piece);
        CompletableFuture<Void> future = wants.keep(want);
        handOver(want);
        return future;
    }

    /** Hands a kept want to the torrent's session, if one runs: it is done when the session has the piece. */
    private void handOver(KeptWants.Want want) {
        try {
            engine.want(want.infoHash(), want.piece()).whenComplete((v, failure) -> {
                if (failure == null) {
                    wants.satisfied(want);
                } // else the session stopped first: the want stays for the next one
            });
        } catch (IllegalArgumentException notRunningOrRefused) {
            Optional<SessionSnapshot> session = engine.snapshot(want.infoHash());
            if (session.isEmpty()) {
                return; // no session: kept for the one that starts, which hands it over
            }
            if (want.piece() < 0 || want.piece() >= session.get().pieceCount()) {
                wants.refused(want, notRunningOrRefused);
            } else {
                handOver(want); // the session started between the call and the look: it takes the want now
            }
        }
    }

    @Override
    public OptionalInt listeningPort() {
        return OptionalInt.of(engine.port());
    }

    private static TransferCounters counters(SessionSnapshot s) {
        return new TransferCounters(s.uploaded(), s.downloaded(), Math.max(0, s.totalBytes() - s.bytesHad()));
    }
}
