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
            PeerList handOut = new PeerList(request.compact(), numwant);
            Swarm.Announced announced = swarms.announce(request, from, clock.millis(), handOut, numwant);
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
