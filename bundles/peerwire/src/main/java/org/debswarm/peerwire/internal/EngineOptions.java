package org.debswarm.peerwire.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

import org.debswarm.peerwire.internal.swarm.SwarmOptions;

/**
 * The engine's settings, from {@link PeerWireConfiguration} or a test.
 *
 * @param listen          address and port of the listening socket (port 0: any free port)
 * @param maxConnections  connections of all torrents together
 * @param uploadRate      bytes per second, 0 = unlimited
 * @param downloadRate    bytes per second, 0 = unlimited
 * @param connectTimeout  deadline for connecting and completing the handshake
 * @param tick            how often each swarm's timers run (keep-alives, snubs, the choker)
 * @param swarm           per-torrent settings
 * @param fleet           discovery and the fleet key
 */
public record EngineOptions(InetSocketAddress listen, int maxConnections, long uploadRate, long downloadRate,
        Duration connectTimeout, Duration tick, SwarmOptions swarm, FleetOptions fleet) {

    /** Without discovery or fleet key. */
    public EngineOptions(InetSocketAddress listen, int maxConnections, long uploadRate, long downloadRate,
            Duration connectTimeout, Duration tick, SwarmOptions swarm) {
        this(listen, maxConnections, uploadRate, downloadRate, connectTimeout, tick, swarm, FleetOptions.NONE);
    }

    public static EngineOptions loopback(int port) {
        return new EngineOptions(new InetSocketAddress("127.0.0.1", port), 200, 0, 0, Duration.ofSeconds(10),
                Duration.ofSeconds(2), SwarmOptions.DEFAULTS);
    }

    public EngineOptions withSwarm(SwarmOptions value) {
        return new EngineOptions(listen, maxConnections, uploadRate, downloadRate, connectTimeout, tick, value, fleet);
    }

    public EngineOptions withRates(long up, long down) {
        return new EngineOptions(listen, maxConnections, up, down, connectTimeout, tick, swarm, fleet);
    }

    public EngineOptions withFleet(FleetOptions value) {
        return new EngineOptions(listen, maxConnections, uploadRate, downloadRate, connectTimeout, tick, swarm, value);
    }

    static EngineOptions from(PeerWireConfiguration c) throws IOException {
        SwarmOptions defaults = SwarmOptions.DEFAULTS;
        SwarmOptions swarm = new SwarmOptions(c.uploadSlots(), c.maxBadPieces(), c.pipeline(), c.maxPeersPerTorrent(),
                defaults.snubTimeout(), defaults.keepAlive(), defaults.idleTimeout(), defaults.chokeInterval(),
                Duration.ofSeconds(c.optimisticUnchokeSeconds()), defaults.client());
        return new EngineOptions(new InetSocketAddress(c.bindAddress(), c.port()), c.maxConnections(),
                c.uploadRateLimit() * 1024L, c.downloadRateLimit() * 1024L,
                Duration.ofSeconds(c.connectTimeoutSeconds()), Duration.ofSeconds(2), swarm, FleetOptions.from(c));
    }
}
