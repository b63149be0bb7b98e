package org.debswarm.node.internal;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.debswarm.node.internal.tracker.PeerId;
import org.debswarm.storage.SpanningStorage;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.MetaInfo;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.PieceBits;
import org.debswarm.torrent.bencode.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SwarmControl} used while no peer-wire engine is there: no connections, nothing transferred, peers
 * dropped; but the torrents it was asked to run are known, so announces report the truth about what the node
 * stores ({@code left} from the had pieces, {@code uploaded} and {@code downloaded} 0).
 */
final class DetachedSwarmControl implements SwarmControl {

    private static final Logger LOG = LoggerFactory.getLogger(DetachedSwarmControl.class);

    private final ByteString peerId = PeerId.generate(new SecureRandom());
    private final Map<InfoHash, LongSupplier> running = new ConcurrentHashMap<>();

    @Override
    public ByteString peerId() {
        return peerId;
    }

    @Override
    public void start(PackagesTorrent torrent, Origin origin) {
        running.putIfAbsent(torrent.infoHash(), () -> Left.of(torrent));
    }

    @Override
    public void start(MetaInfo torrent, SpanningStorage storage, PieceBits had) {
        running.putIfAbsent(torrent.infoHash(), () -> Left.of(torrent, had));
    }

    @Override
    public void stop(InfoHash infoHash) {
        running.remove(infoHash);
    }

    @Override
    public void addPeers(InfoHash infoHash, Collection<InetSocketAddress> peers) {
        LOG.debug("{}: {} peers from trackers, no peer wire to use them", infoHash, peers.size());
    }

    @Override
    public Optional<TransferCounters> counters(InfoHash infoHash) {
        LongSupplier left = running.get(infoHash);
        return left == null ? Optional.empty() : Optional.of(new TransferCounters(0, 0, left.getAsLong()));
    }
}
