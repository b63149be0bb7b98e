package org.debswarm.peerwire.internal.node;

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
 */
@Component(service = SwarmControl.class)
public final class EngineSwarmControl implements SwarmControl {

    private final PeerWire engine;

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
    }

    @Override
    public void start(MetaInfo torrent, SpanningStorage storage, PieceBits had) {
        engine.start(torrent, storage, had);
    }

    @Override
    public void stop(InfoHash infoHash) {
        engine.stop(infoHash);
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
        return engine.snapshot(infoHash).map(s -> s.peers().size()).orElse(0);
    }

    @Override
    public CompletableFuture<Void> want(InfoHash infoHash, int piece) {
        try {
            return engine.want(infoHash, piece);
        } catch (IllegalArgumentException notRunning) {
            return CompletableFuture.failedFuture(notRunning);
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
