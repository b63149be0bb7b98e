package org.debswarm.peerwire.internal.discovery;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.debswarm.torrent.InfoHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BEP 14 Local Service Discovery for the running torrents, independent of sockets: announces go to the
 * {@link Group}s it is given, datagrams come in through {@link #received}, found peers go to {@link LsdService.Found}.
 * A torrent is announced when it starts and every {@link #INTERVAL} after, never twice within
 * {@link #MIN_INTERVAL} (BEP 14 asks for at most one announce per torrent per minute), the due torrents
 * batched into as few datagrams as fit. What one source address can make us do is bounded: at most
 * {@link SourceLimits#PER_MINUTE} announces a minute are read from it, each naming at most
 * {@link LsdAnnounce#MAX_INFOHASHES} torrents. Confined to one thread (the engine's I/O thread).
 */
final class LocalDiscovery {

    /** How often each running torrent is announced again. */
    static final Duration INTERVAL = Duration.ofMinutes(5);
    /** The shortest time between two announces of one torrent. */
    static final Duration MIN_INTERVAL = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(LocalDiscovery.class);

    /** A multicast group announces are sent to. */
    public interface Group {
        /** The Host header for this group, {@code 239.192.152.143:6771} or {@code [ff15::efc0:988f]:6771}. */
        String host();

        void send(ByteBuffer datagram);
    }

    private final List<Group> groups;
    private final int listenPort;
    private final String cookie;
    private final LsdService.Found found;
    private final SourceLimits limits;
    /** Running torrents (as named on the wire) and when each is due for its next announce. */
    private final Map<InfoHash, Long> due = new LinkedHashMap<>();
    /** When each torrent was last announced: a torrent started again soon waits out the minute. */
    private final Map<InfoHash, Long> lastSent = new LinkedHashMap<>();
    private final DiscoveryCounts counts = new DiscoveryCounts();
    /** Distinct peers found per running torrent, at most {@link #SEEN_PER_TORRENT} each, for warnings. */
    private final Map<InfoHash, java.util.Set<InetSocketAddress>> seen = new java.util.HashMap<>();
    static final int SEEN_PER_TORRENT = 256;

    LocalDiscovery(List<Group> groups, int listenPort, String cookie, LsdService.Found found, SourceLimits limits) {
        this.groups = List.copyOf(groups);
        this.listenPort = listenPort;
        this.cookie = cookie;
        this.found = found;
        this.limits = limits;
    }

    /** A torrent started: it is announced at the next {@link #announce}, unless announced within a minute. */
    void started(InfoHash infoHash, long now) {
        Long last = lastSent.get(infoHash);
        due.put(infoHash, last == null ? now : Math.max(now, last + MIN_INTERVAL.toNanos()));
    }

    void stopped(InfoHash infoHash) {
        due.remove(infoHash);
        seen.remove(infoHash);
    }

    /** Sends the announces that are due, batched; returns how many datagrams went to each group. */
    int announce(long now) {
        List<InfoHash> list = new ArrayList<>();
        due.forEach((hash, when) -> {
            if (when - now <= 0) {
                list.add(hash);
            }
        });
        lastSent.values().removeIf(when -> now - when >= MIN_INTERVAL.toNanos());
        if (list.isEmpty()) {
            return 0;
        }
        for (InfoHash hash : list) {
            due.put(hash, now + INTERVAL.toNanos());
            lastSent.put(hash, now);
        }
        int datagrams = 0;
        for (Group group : groups) {
            for (LsdAnnounce announce : LsdAnnounce.batches(group.host(), listenPort, list, cookie)) {
                byte[] bytes = announce.toBytes();
                group.send(ByteBuffer.wrap(bytes));
                counts.countSent(bytes.length);
                datagrams++;
            }
        }
        return groups.isEmpty() ? 0 : datagrams / groups.size();
    }

    /** A datagram came from {@code source}: the peers of running torrents it names are handed on. */
    void received(ByteBuffer datagram, InetSocketAddress source, long now) {
        if (!limits.admit(source.getAddress(), now)) {
            counts.countLimited();
            return;
        }
        LsdAnnounce[] out = new LsdAnnounce[1];
        try {
            if (LsdCodec.decode(datagram, out) == 0) {
                throw new LsdException("announce of " + datagram.remaining() + " bytes without its end");
            }
        } catch (LsdException e) {
            counts.countInvalid();
            LOG.debug("Ignored a Local Service Discovery datagram from {}: {}", source, e.getMessage());
            return;
        }
        LsdAnnounce announce = out[0];
        if (announce.cookie().equals(cookie)) {
            return;
        }
        counts.countReceived();
        InetSocketAddress peer = new InetSocketAddress(source.getAddress(), announce.port());
        for (InfoHash hash : announce.infoHashes()) {
            if (due.containsKey(hash)) {
                counts.countFound();
                java.util.Set<InetSocketAddress> peers = seen.computeIfAbsent(hash, h -> new java.util.HashSet<>());
                if (peers.size() < SEEN_PER_TORRENT) {
                    peers.add(peer);
                }
                found.found(hash, peer);
            }
        }
    }

    /**
     * How many distinct peer addresses (a node's IPv4 and IPv6 ones count apart) announced the running torrent
     * named {@code infoHash} on the wire since it started (at most {@value #SEEN_PER_TORRENT}): more than 0 while
     * a tracker gives none means the tracker is the one misconfigured.
     */
    int peersSeen(InfoHash infoHash) {
        java.util.Set<InetSocketAddress> peers = seen.get(infoHash);
        return peers == null ? 0 : peers.size();
    }

    /** Running torrents (as announced). */
    int torrents() {
        return due.size();
    }

    DiscoveryCounts counts() {
        return counts;
    }
}
