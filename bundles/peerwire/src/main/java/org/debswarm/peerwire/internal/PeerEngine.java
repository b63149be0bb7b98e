package org.debswarm.peerwire.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import org.debswarm.commons.Shutdown;
import org.debswarm.peerwire.ContentSession;
import org.debswarm.peerwire.PeerWire;
import org.debswarm.peerwire.PieceAvailability;
import org.debswarm.peerwire.SessionSnapshot;
import org.debswarm.peerwire.TorrentSession;
import org.debswarm.peerwire.internal.discovery.LsdService;
import org.debswarm.peerwire.internal.swarm.PieceStorage;
import org.debswarm.peerwire.internal.swarm.ContentCatalog;
import org.debswarm.peerwire.internal.swarm.Swarm;
import org.debswarm.peerwire.internal.swarm.SwarmFactory;
import org.debswarm.storage.PieceStore;
import org.debswarm.storage.SpanningStorage;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.MetaInfo;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.PieceBits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer wire engine: two owned threads, {@code debswarm-peerwire-io} (every socket and every swarm) and
 * {@code debswarm-peerwire-timer} (deadlines and periodic work, handed over to the I/O thread), a listening
 * socket that accepts connections for any running torrent, and the sessions. {@link #close} stops both
 * threads with a bounded wait. Usable without OSGi; {@link PeerWireComponent} is the service. What concerns one
 * session is reached through its handle, {@link EngineSession}, which calls the package-private methods here.
 */
public final class PeerEngine implements PeerWire, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeerEngine.class);
    private static final long WAIT_SECONDS = 5;

    private final EngineOptions options;
    private final PieceStore store;
    private final IoLoop loop;
    private final ScheduledExecutorService timer;
    private final byte[] peerId = newPeerId();
    private final SwarmFactory swarms;
    private final ConcurrentMap<InfoHash, Session> sessions = new ConcurrentHashMap<>();
    private final Connections connections;
    private final Acceptor acceptor;
    private final Fleet fleet;
    private volatile EngineContentSession content;

    public PeerEngine(EngineOptions options, PieceStore store) throws IOException {
        this.options = options;
        this.store = store;
        this.swarms = new SwarmFactory(options.swarm(), this::port, peerId, options.connectTimeout());
        this.loop = new IoLoop("debswarm-peerwire-io");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "debswarm-peerwire-timer"));
        this.connections = new Connections(options, loop, timer, sessions, peerId, swarms);
        try {
            this.acceptor = Acceptor.bind(loop, options.listen(), c -> connections.accepted(c));
        } catch (IOException e) {
            stopThreads();
            throw e;
        }
        connections.listening(acceptor.port());
        this.fleet = Fleet.start(options, loop, timer, acceptor.port(), this::discovered);
        LOG.debug("Peer wire listening on {}:{}", options.listen().getAddress(), acceptor.port());
    }

    // Azureus-style peer id: client "DS", version 0100, then random bytes
    private static byte[] newPeerId() {
        byte[] id = new byte[20];
        new SecureRandom().nextBytes(id);
        System.arraycopy("-DS0100-".getBytes(StandardCharsets.US_ASCII), 0, id, 0, 8);
        return id;
    }

    @Override
    public TorrentSession start(PackagesTorrent torrent, String mirrorHost, String archiveRoot) {
        return start(torrent.infoHash(), torrent.name(), torrent.wanted(), false,
                l -> PackagesStorage.of(store, torrent, mirrorHost, archiveRoot, loop, l)).session();
    }

    @Override
    public TorrentSession start(MetaInfo meta) {
        Session running = sessions.get(meta.infoHash());
        if (running != null) {
            return new EngineSession(this, running);
        }
        ListenerRef ref = new ListenerRef();
        SpanningPieces pieces;
        try {
            pieces = SpanningPieces.open(store, meta, loop, ref);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the storage of torrent " + meta.infoHash(), e);
        }
        Started started = start(meta.infoHash(), meta.name(), allOf(meta.pieceCount()), true, l -> ref.bind(l, pieces));
        if (!started.isNew()) {
            pieces.close();
        }
        return started.session();
    }

    @Override
    public TorrentSession start(MetaInfo meta, SpanningStorage storage, PieceBits had) {
        return start(meta.infoHash(), meta.name(), allOf(meta.pieceCount()), true,
                l -> SpanningPieces.over(meta, storage, had, loop, l)).session();
    }

    private static PieceBits allOf(int count) {
        PieceBits all = new PieceBits(count);
        for (int i = 0; i < count; i++) {
            all.set(i);
        }
        return all;
    }

    /** A session, and whether this call started it. */
    private record Started(EngineSession session, Session running, boolean isNew) {
    }

    /** @param standard a standard torrent, which {@code allowPlainPeers} opens to keyless clients */
    private Started start(InfoHash hash, String name, PieceBits wanted, boolean standard,
            Function<PieceStorage.Listener, PieceStorage> storage) {
        return start(hash, name, () -> swarms.torrent(hash, name, storage, wanted, fleet.key(standard),
                peers -> exchanged(hash, peers)));
    }

    @Override
    public synchronized ContentSession startContent() {
        InfoHash id = fleet.contentSwarm();
        EngineContentSession running = content;
        if (running != null && runs(running.session())) {
            return running;
        }
        ContentFiles files = new ContentFiles(new ContentCatalog(ContentCatalog.CAPACITY));
        Started started = start(id, "content swarm", () -> swarms.content(id,
                l -> new PackagesStorage(store, files, loop, l), new PieceBits(ContentCatalog.CAPACITY),
                fleet.contentKey(), peers -> exchanged(id, peers), files.catalog()));
        content = new EngineContentSession(this, started.running(), files);
        return content;
    }

    private synchronized Started start(InfoHash hash, String name, Supplier<Swarm> newSwarm) {
        Session running = sessions.get(hash);
        if (running != null) {
            return new Started(new EngineSession(this, running), running, false);
        }
        Swarm swarm = newSwarm.get();
        Session session = new Session(swarm, 4 * options.swarm().maxPeers());
        sessions.put(hash, session);
        long tick = options.tick().toNanos();
        session.tick = timer.scheduleWithFixedDelay(() -> onLoop(() -> {
            swarm.tick();
            connections.retry(session);
        }), tick, tick, TimeUnit.NANOSECONDS);
        fleet.started(swarm.wireHash());
        LOG.debug("Session {} ({}) started", hash, name);
        return new Started(new EngineSession(this, session), session, true);
    }

    /** Runs {@code task} on the I/O thread if {@code session} still runs then. */
    void inSession(Session session, Runnable task) {
        onLoop(() -> {
            if (sessions.get(session.swarm.infoHash()) == session) {
                task.run();
            }
        });
    }

    /** Answers from the I/O thread; {@code stopped} if the session does not run (then or by then). */
    <T> CompletableFuture<T> ask(Session session, Supplier<T> question, T stopped) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (!runs(session) || !onLoop(() -> {
            try {
                result.complete(runs(session) ? question.get() : stopped);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        })) {
            result.complete(stopped);
        }
        return result;
    }

    /** Runs {@code task} on the I/O thread after {@code delay}, if the engine still runs. */
    void later(Duration delay, Runnable task) {
        try {
            timer.schedule(() -> onLoop(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            LOG.debug("Peer wire stopping; task dropped");
        }
    }

    /** Whether {@code session} is the running session of its torrent. */
    boolean runs(Session session) {
        return sessions.get(session.swarm.infoHash()) == session && loop.isRunning();
    }

    /** Stops {@code session} if it is the running session of its torrent; false if it was not. */
    boolean stop(Session session) {
        if (!sessions.remove(session.swarm.infoHash(), session)) {
            return false;
        }
        session.tick.cancel(false);
        fleet.stopped(session.swarm.wireHash());
        if (loop.isRunning()) {
            // waits, so that nothing touches the session's storage once stop returns
            call(() -> {
                List.copyOf(session.connections).forEach(c -> c.close("session stopped"));
                session.swarm.stop();
                return null;
            });
        }
        LOG.debug("Session {} stopped", session.swarm.infoHash());
        return true;
    }

    void addPeers(Session session, Collection<InetSocketAddress> peers) {
        List<InetSocketAddress> copy = List.copyOf(peers);
        onLoop(() -> {
            if (sessions.get(session.swarm.infoHash()) == session) {
                connections.connect(session, copy);
            }
        });
    }

    // peers a peer told us of (ut_pex) for torrent hash; on the I/O thread
    private void exchanged(InfoHash hash, List<InetSocketAddress> peers) {
        Session session = sessions.get(hash);
        if (session != null) {
            connections.connect(session, List.copyOf(peers));
        }
    }

    // a peer found by Local Service Discovery for the torrent named wireHash on the wire; on the I/O thread
    private void discovered(InfoHash wireHash, InetSocketAddress peer) {
        for (Session session : sessions.values()) {
            if (session.swarm.wireHash().equals(wireHash)) {
                connections.connect(session, List.of(peer));
            }
        }
    }

    CompletableFuture<Void> want(Session session, int piece) {
        checkPiece(session, piece);
        if (session.swarm.had(piece)) {
            return CompletableFuture.completedFuture(null);
        }
        if (!runs(session)) {
            return CompletableFuture.failedFuture(new IllegalStateException("session "
                    + session.swarm.infoHash() + " stopped"));
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        onLoop(() -> session.swarm.want(piece).whenComplete((v, e) -> {
            if (e == null) {
                result.complete(null);
            } else {
                result.completeExceptionally(e);
            }
        }));
        return result;
    }

    CompletableFuture<PieceAvailability> availability(Session session, int piece) {
        checkPiece(session, piece);
        CompletableFuture<PieceAvailability> result = new CompletableFuture<>();
        if (!runs(session) || !onLoop(() -> result.complete(runs(session)
                ? session.swarm.availabilityOf(piece) : PieceAvailability.NONE))) {
            result.complete(PieceAvailability.NONE);
        }
        return result;
    }

    void lost(Session session, int piece) {
        checkPiece(session, piece);
        onLoop(() -> {
            if (sessions.get(session.swarm.infoHash()) == session) {
                session.swarm.lost(piece);
            }
        });
    }

    void fetchingFromMirror(Session session, int piece, boolean fetching) {
        checkPiece(session, piece);
        onLoop(() -> {
            if (sessions.get(session.swarm.infoHash()) == session) {
                session.swarm.fetchingFromMirror(piece, fetching);
            }
        });
    }

    SessionSnapshot snapshot(Session session) {
        if (!runs(session)) {
            throw new IllegalStateException("session " + session.swarm.infoHash() + " stopped");
        }
        return call(session.swarm::snapshot);
    }

    private static void checkPiece(Session session, int piece) {
        int count = session.swarm.pieceCount();
        if (piece < 0 || piece >= count) {
            throw new IllegalArgumentException("piece " + piece + " (expected: 0 to " + (count - 1) + ")");
        }
    }

    @Override
    public Optional<SessionSnapshot> snapshot(InfoHash hash) {
        Session session = sessions.get(hash);
        return session == null ? Optional.empty() : Optional.of(call(session.swarm::snapshot));
    }

    @Override
    public List<SessionSnapshot> sessions() {
        List<Swarm> swarms = sessions.values().stream().map(s -> s.swarm).toList();
        return call(() -> {
            List<SessionSnapshot> list = new ArrayList<>();
            swarms.forEach(s -> list.add(s.snapshot()));
            return list;
        });
    }

    @Override
    public java.net.InetAddress listenAddress() {
        return options.listen().getAddress();
    }

    @Override
    public int port() {
        return acceptor.port();
    }

    @Override
    public byte[] peerId() {
        return peerId.clone();
    }

    /** What Local Service Discovery did, if it runs, as one line (the figures of bench/lsd.sh). */
    public Optional<String> discoveryCounts() {
        return fleet.lsd().map(LsdService::counts);
    }

    @Override
    public Optional<Integer> peersSeenByDiscovery(InfoHash hash) {
        Session session = sessions.get(hash);
        if (session == null || fleet.lsd().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(call(() -> fleet.lsd().get().peersSeen(session.swarm.wireHash())));
    }

    /** Runs on the I/O thread and waits for the answer, at most {@value #WAIT_SECONDS} s. */
    private <T> T call(Supplier<T> task) {
        if (loop.inLoop()) {
            return task.get();
        }
        if (!loop.isRunning()) {
            throw new IllegalStateException("the peer wire engine is stopped");
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        onLoop(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the peer wire", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("peer wire did not answer: " + e, e);
        }
    }

    /** @return false if the engine stopped and dropped the task */
    private boolean onLoop(Runnable task) {
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            LOG.debug("Peer wire stopped; task dropped");
            return false;
        }
    }

    /** Stops every session, closes every socket and stops both threads, each within a bounded wait. */
    @Override
    public void close() {
        for (Session session : List.copyOf(sessions.values())) {
            stop(session);
        }
        fleet.close();
        stopThreads();
        LOG.debug("Peer wire stopped");
    }

    private void stopThreads() {
        timer.shutdownNow();
        if (!loop.stop(Duration.ofSeconds(WAIT_SECONDS))) {
            LOG.warn("Peer wire I/O thread did not stop within {} s", WAIT_SECONDS);
        }
        Shutdown.now(timer, "Peer wire timer", Duration.ofSeconds(WAIT_SECONDS));
    }

    /** Lets the storage of a standard torrent be opened (and rechecked) before its swarm exists. */
    private static final class ListenerRef implements PieceStorage.Listener {
        private volatile PieceStorage.Listener target;

        PieceStorage bind(PieceStorage.Listener listener, PieceStorage storage) {
            target = listener;
            return storage;
        }

        @Override
        public void verified(int piece) {
            target.verified(piece);
        }

        @Override
        public void failed(int piece, Throwable cause) {
            target.failed(piece, cause);
        }
    }
}
