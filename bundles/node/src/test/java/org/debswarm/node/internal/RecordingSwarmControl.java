package org.debswarm.node.internal;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.debswarm.storage.SpanningStorage;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.MetaInfo;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.PieceBits;
import org.debswarm.torrent.bencode.ByteString;

/**
 * A {@link SwarmControl} that records what the node asked, as futures the test awaits with a deadline, and
 * otherwise behaves as {@link DetachedSwarmControl} (whose counters the announces report).
 */
final class RecordingSwarmControl implements SwarmControl {

    /** What a start was given. */
    record Start(Object torrent, SpanningStorage storage, PieceBits had) {
    }

    private final DetachedSwarmControl detached = new DetachedSwarmControl();
    private final Map<InfoHash, CompletableFuture<Start>> starts = new ConcurrentHashMap<>();
    private final Map<InfoHash, CompletableFuture<Void>> stops = new ConcurrentHashMap<>();

    private CompletableFuture<Start> start(InfoHash hash) {
        return starts.computeIfAbsent(hash, h -> new CompletableFuture<>());
    }

    private CompletableFuture<Void> stop(InfoHash hash, boolean create) {
        return create ? stops.computeIfAbsent(hash, h -> new CompletableFuture<>()) : stops.get(hash);
    }

    /** The start of {@code hash}, waiting at most 10 s. */
    Start awaitStart(InfoHash hash) throws Exception {
        return start(hash).get(10, TimeUnit.SECONDS);
    }

    void awaitStop(InfoHash hash) throws Exception {
        stop(hash, true).get(10, TimeUnit.SECONDS);
    }

    boolean wasStarted(InfoHash hash) {
        CompletableFuture<Start> f = starts.get(hash);
        return f != null && f.isDone();
    }

    /** Whether a session runs now (started, and not stopped since). */
    boolean isRunning(InfoHash hash) {
        return detached.counters(hash).isPresent();
    }

    boolean wasStopped(InfoHash hash) {
        CompletableFuture<Void> f = stop(hash, false);
        return f != null && f.isDone();
    }

    @Override
    public ByteString peerId() {
        return detached.peerId();
    }

    @Override
    public void start(PackagesTorrent torrent, Origin origin) {
        detached.start(torrent, origin);
        start(torrent.infoHash()).complete(new Start(torrent, null, torrent.had()));
    }

    @Override
    public void start(MetaInfo torrent, SpanningStorage storage, PieceBits had) {
        detached.start(torrent, storage, had);
        start(torrent.infoHash()).complete(new Start(torrent, storage, had));
    }

    @Override
    public void stop(InfoHash infoHash) {
        detached.stop(infoHash);
        stop(infoHash, true).complete(null);
    }

    @Override
    public void addPeers(InfoHash infoHash, Collection<InetSocketAddress> peers) {
        detached.addPeers(infoHash, peers);
    }

    @Override
    public Optional<TransferCounters> counters(InfoHash infoHash) {
        return detached.counters(infoHash);
    }
}
