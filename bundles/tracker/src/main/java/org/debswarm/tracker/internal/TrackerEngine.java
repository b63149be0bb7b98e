package org.debswarm.tracker.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announce and scrape over the in-memory swarms. Nothing here touches the disk; the {@link Flusher} writes what
 * changed on its own thread.
 */
final class TrackerEngine implements Tracker {

    private static final Logger LOG = LoggerFactory.getLogger(TrackerEngine.class);

    private final TrackerSettings settings;
    private final Clock clock;
    private final Swarms swarms;
    /** The loopback-peer warning is logged once per tracker, not once per announce. */
    private final java.util.concurrent.atomic.AtomicBoolean loopbackWarned = new java.util.concurrent.atomic.AtomicBoolean();

    TrackerEngine(TrackerSettings settings, Clock clock) {
        this(settings, FloodLimits.defaults(settings), clock);
    }

    TrackerEngine(TrackerSettings settings, FloodLimits limits, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.swarms = new Swarms(settings.maxTorrents(), settings.maxPeers(), limits);
    }

    Swarms swarms() {
        return swarms;
    }

    @Override
    public byte[] announce(String rawQuery, String remoteAddr) {
        try {
            AnnounceRequest request = AnnounceRequest.parse(rawQuery);
            String ip = settings.trustIpParam() && request.ip() != null ? request.ip() : remoteAddr;
            PeerAddress from = PeerAddress.parse(ip, request.port());
            int numwant = settings.numwant(request.numwant());
            PeerList handOut = new PeerList(request.compact(), numwant, !from.isLoopback());
            Swarm.Announced announced = swarms.announce(request, from, clock.millis(), handOut, numwant);
            if (handOut.withheldLoopback() > 0 && loopbackWarned.compareAndSet(false, true)) {
                LOG.warn("A peer announced to this tracker over loopback (127.0.0.1) while clients on other hosts use it"
                        + " (first: {}): its loopback address is withheld from them, so they cannot reach it. On the"
                        + " tracker's host, set trackers= of PID org.debswarm.node to this tracker's LAN address, not"
                        + " 127.0.0.1 (docs/fleet.md)", remoteAddr);
            }
            return Responses.announce(announced, handOut, request.noPeerId(), settings);
        } catch (TrackerRequestException refused) {
            LOG.debug("Announce from {} refused: {}", remoteAddr, refused.getMessage());
            return Responses.failure(refused.getMessage());
        }
    }

    @Override
    public byte[] scrape(String rawQuery) {
        try {
            ScrapeRequest request = ScrapeRequest.parse(rawQuery);
            if (request.full() && !settings.fullScrape()) {
                throw new TrackerRequestException("full scrape disabled (expected: info_hash)");
            }
            List<Swarm> found = new ArrayList<>();
            if (request.full()) {
                found.addAll(swarms.all());
            } else {
                for (Bytes infoHash : request.infoHashes()) {
                    Swarm swarm = swarms.get(infoHash);
                    if (swarm != null) {
                        found.add(swarm);
                    }
                }
            }
            return Responses.scrape(found);
        } catch (TrackerRequestException refused) {
            LOG.debug("Scrape refused: {}", refused.getMessage());
            return Responses.failure(refused.getMessage());
        }
    }

    /** Drops silent peers, and swarms without peers idle for a few announce intervals; run periodically. */
    int expire() {
        long now = clock.millis();
        swarms.forgetRefilledClients(now);
        int expired = swarms.expire(now - settings.peerLifetimeMillis(), now - swarms.limits().idleTorrentMillis());
        if (expired > 0) {
            LOG.debug("Expired {} silent peers", expired);
        }
        return expired;
    }
}
