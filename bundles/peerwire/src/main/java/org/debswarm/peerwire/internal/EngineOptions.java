package org.debswarm.peerwire.internal;

import java.net.InetSocketAddress;
import java.time.Duration;

import org.debswarm.peerwire.internal.swarm.SwarmOptions;

/**
 * The engine's settings, from {@link PeerWireConfiguration} or a test.
 *
 * @param listen          address and port of the listening socket (port 0: any free port)
 * @param maxConnections  connections of all torrents together
 * @param maxPerAddress   incoming connections from one IP address waiting for their handshake at once
 * @param uploadRate      bytes per second, 0 = unlimited
 * @param downloadRate    bytes per second, 0 = unlimited
 * @param connectTimeout  deadline for connecting and completing the handshake
 * @param tick            how often each swarm's timers run (keep-alives, snubs, the choker)
 * @param swarm           per-torrent settings
 */
public record EngineOptions(InetSocketAddress listen, int maxConnections, int maxPerAddress, long uploadRate,
        long downloadRate, Duration connectTimeout, Duration tick, SwarmOptions swarm) {

    /** The default of {@link #maxPerAddress}: a few nodes behind one NAT connecting at once, not a flood. */
    public static final int MAX_PER_ADDRESS = 8;

    public EngineOptions {
        if (maxConnections < 1 || maxPerAddress < 1) {
            throw new IllegalArgumentException("connections " + maxConnections + ", per address " + maxPerAddress
                    + " (expected: both >= 1)");
        }
    }

    /** With the default limit per address. */
    public EngineOptions(InetSocketAddress listen, int maxConnections, long uploadRate, long downloadRate,
            Duration connectTimeout, Duration tick, SwarmOptions swarm) {
        this(listen, maxConnections, MAX_PER_ADDRESS, uploadRate, downloadRate, connectTimeout, tick, swarm);
    }

    public static EngineOptions loopback(int port) {
        return new EngineOptions(new InetSocketAddress("127.0.0.1", port), 200, 0, 0, Duration.ofSeconds(10),
                Duration.ofSeconds(2), SwarmOptions.DEFAULTS);
    }

    public EngineOptions withSwarm(SwarmOptions value) {
        return new EngineOptions(listen, maxConnections, maxPerAddress, uploadRate, downloadRate, connectTimeout,
                tick, value);
    }

    public EngineOptions withRates(long up, long down) {
        return new EngineOptions(listen, maxConnections, maxPerAddress, up, down, connectTimeout, tick, swarm);
    }

    static EngineOptions from(PeerWireConfiguration c) {
        SwarmOptions defaults = SwarmOptions.DEFAULTS;
        SwarmOptions swarm = new SwarmOptions(c.uploadSlots(), c.maxBadPieces(), c.pipeline(), c.maxPeersPerTorrent(),
                defaults.snubTimeout(), defaults.keepAlive(), defaults.idleTimeout(), defaults.chokeInterval(),
                Duration.ofSeconds(c.optimisticUnchokeSeconds()), defaults.client());
        return new EngineOptions(new InetSocketAddress(c.bindAddress(), c.port()), c.maxConnections(),
                c.maxConnectionsPerAddress(), c.uploadRateLimit() * 1024L, c.downloadRateLimit() * 1024L,
                Duration.ofSeconds(c.connectTimeoutSeconds()), Duration.ofSeconds(2), swarm);
    }
}
