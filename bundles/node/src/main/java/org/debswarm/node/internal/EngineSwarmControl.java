package org.debswarm.node.internal;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.debswarm.peerwire.ContentSession;
import org.debswarm.peerwire.PeerWire;
import org.debswarm.peerwire.SessionSnapshot;
import org.debswarm.peerwire.TorrentSession;
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
 * The node glue's sessions, run by the peer-wire engine: the handles {@link PeerWire#start} returned, by torrent.
 * While the engine is being replaced this component goes with it and the glue carries on detached, announcing
 * what the store holds.
 * <p>
 * A {@link #want} is kept until the torrent's session has the piece, and handed again to every session of that
 * torrent that starts meanwhile ({@link KeptWants}): apt can ask for a package just before its torrent's session
 * starts, or while it is started again after a configuration change, and the file the apt listener stores then
 * must still be marked had and announced.
 */
@Component(service = SwarmControl.class)
public final class EngineSwarmControl implements SwarmControl {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EngineSwarmControl.class);

    /** Wants kept at most; beyond, the oldest is dropped. */
    static final int MAX_KEPT_WANTS = 4096;

    private final PeerWire engine;
    private final KeptWants wants = new KeptWants(MAX_KEPT_WANTS);
    private final Map<InfoHash, TorrentSession> sessions = new ConcurrentHashMap<>();
    /** When each running session started, by {@link System#nanoTime}. */
    private final Map<InfoHash, Long> startedAt = new ConcurrentHashMap<>();
    private volatile ContentSession content;

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
        TorrentSession session = engine.start(torrent, origin.mirrorHost(), origin.archiveRoot());
        sessions.put(torrent.infoHash(), session);
        startedAt.put(torrent.infoHash(), System.nanoTime());
        wants.of(torrent.infoHash()).forEach(want -> handOver(session, want));
    }

    @Override
    public void start(MetaInfo torrent, SpanningStorage storage, PieceBits had) {
        sessions.put(torrent.infoHash(), engine.start(torrent, storage, had));
    }

    @Override
    public Optional<InfoHash> startContent() {
        try {
            ContentSession started = engine.startContent();
            content = started;
            return Optional.of(started.infoHash());
        } catch (UnsupportedOperationException | IllegalStateException e) {
            // an engine without a content swarm (an older peer wire), or stopping: the node runs its torrents anyway
            LOG.info("No content swarm: {}", e.toString());
            return Optional.empty();
        }
    }

    @Override
    public Optional<ContentSession> content() {
        return Optional.ofNullable(content).filter(ContentSession::isRunning);
    }

    private Optional<ContentSession> content(InfoHash infoHash) {
        ContentSession running = content;
        return running != null && running.infoHash().equals(infoHash) ? Optional.of(running) : Optional.empty();
    }

    @Override
    public void stop(InfoHash infoHash) {
        content(infoHash).ifPresent(ContentSession::stop);
        TorrentSession session = sessions.remove(infoHash);
        startedAt.remove(infoHash);
        if (session != null) {
            session.stop(); // its wants stay kept, for the session that starts next
        }
    }

    @Override
    public void addPeers(InfoHash infoHash, Collection<InetSocketAddress> peers) {
        content(infoHash).ifPresent(c -> c.addPeers(peers));
        session(infoHash).ifPresent(s -> s.addPeers(peers));
    }

    /**
     * {@code left} is what the node does not hold of the whole torrent, as for a detached node: a Debswarm
     * node is a seeder only of a torrent it holds entirely, so trackers keep handing nodes to each other.
     */
    @Override
    public Optional<TransferCounters> counters(InfoHash infoHash) {
        TorrentSession session = sessions.get(infoHash);
        try {
            Optional<ContentSession> contentSession = content(infoHash);
            if (contentSession.isPresent()) {
                return Optional.of(contentCounters(contentSession.get().snapshot()));
            }
            return session == null ? Optional.empty() : Optional.of(counters(session.snapshot()));
        } catch (IllegalStateException stoppedMeanwhile) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<TorrentSession> session(InfoHash infoHash) {
        return Optional.ofNullable(sessions.get(infoHash));
    }

    /**
     * Kept first, then handed to the session if one runs: a session that starts between the two finds the want
     * kept and takes it too, which does no harm.
     */
    @Override
    public CompletableFuture<Void> want(InfoHash infoHash, int piece) {
        KeptWants.Want want = new KeptWants.Want(infoHash, piece);
        CompletableFuture<Void> future = wants.keep(want);
        session(infoHash).ifPresent(session -> handOver(session, want));
        return future;
    }

    /** Hands a kept want to a session: it is done when the session has the piece. */
    private void handOver(TorrentSession session, KeptWants.Want want) {
        try {
            session.want(want.piece()).whenComplete((v, failure) -> {
                if (failure == null) {
                    wants.satisfied(want);
                } // else the session stopped first: the want stays for the next one
            });
        } catch (IllegalArgumentException outOfRange) {
            wants.refused(want, outOfRange);
        }
    }

    @Override
    public Optional<java.net.InetAddress> listenAddress() {
        return Optional.of(engine.listenAddress());
    }

    @Override
    public Optional<java.time.Duration> sessionAge(InfoHash infoHash) {
        Long started = startedAt.get(infoHash);
        return started == null ? Optional.empty() : Optional.of(java.time.Duration.ofNanos(System.nanoTime() - started));
    }

    @Override
    public int peersSeenByDiscovery(InfoHash infoHash) {
        try {
            return engine.peersSeenByDiscovery(infoHash).orElse(0);
        } catch (IllegalStateException stoppedOrBusy) {
            return 0;
        }
    }

    @Override
    public OptionalInt listeningPort() {
        return OptionalInt.of(engine.port());
    }

    /**
     * A node is never complete in the content swarm, so {@code left} is at least 1: trackers hand seeders only to
     * leechers, and every node must hear of every other.
     */
    private static TransferCounters contentCounters(SessionSnapshot s) {
        return new TransferCounters(s.uploaded(), s.downloaded(), Math.max(1, s.bytesWanted()));
    }

    private static TransferCounters counters(SessionSnapshot s) {
        return new TransferCounters(s.uploaded(), s.downloaded(), Math.max(0, s.totalBytes() - s.bytesHad()));
    }
}
