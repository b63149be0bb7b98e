package org.debswarm.peerwire.internal;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

import org.debswarm.peerwire.internal.discovery.LsdService;
import org.debswarm.peerwire.internal.fleet.FleetKey;
import org.debswarm.torrent.InfoHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's fleet parts: Local Service Discovery (when configured and an interface can multicast) and the
 * fleet key, which names each session on the wire and guards it. A discovery that cannot start is logged and
 * left off: the node still works with trackers and peer exchange.
 */
final class Fleet implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Fleet.class);

    private final FleetOptions options;
    private final Optional<LsdService> lsd;

    private Fleet(FleetOptions options, Optional<LsdService> lsd) {
        this.options = options;
        this.lsd = lsd;
    }

    static Fleet start(EngineOptions options, IoLoop loop, ScheduledExecutorService timer, int port,
            LsdService.Found found) {
        FleetOptions fleet = options.fleet();
        Optional<LsdService> lsd = Optional.empty();
        if (fleet.lsd()) {
            try {
                lsd = LsdService.start(fleet.discoveryInterface(), options.listen().getAddress(), port, loop, timer,
                        found);
            } catch (IOException e) {
                LOG.warn("Local Service Discovery off: {}", e.getMessage());
            }
        }
        return new Fleet(fleet, lsd);
    }

    /** The fleet key of a torrent's swarm: none without a key, or for a standard one when plain peers may join. */
    Optional<FleetKey> key(boolean standard) {
        boolean plain = standard && options.allowPlainPeers();
        return plain ? Optional.empty() : options.key();
    }

    /** The id of the fleet's content swarm: from the key, or SHA-1 of the label without one. */
    InfoHash contentSwarm() {
        return options.key().map(FleetKey::contentSwarm).orElseGet(() -> {
            try {
                return InfoHash.of(java.security.MessageDigest.getInstance("SHA-1").digest(
                        FleetKey.CONTENT_LABEL.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("no SHA-1 in this JVM", e);
            }
        });
    }

    /** The content swarm's fleet key, if there is one. */
    Optional<FleetKey> contentKey() {
        return options.key();
    }

    void started(InfoHash wireHash) {
        lsd.ifPresent(l -> l.started(wireHash));
    }

    void stopped(InfoHash wireHash) {
        lsd.ifPresent(l -> l.stopped(wireHash));
    }

    Optional<LsdService> lsd() {
        return lsd;
    }

    @Override
    public void close() {
        lsd.ifPresent(LsdService::close);
    }
}
