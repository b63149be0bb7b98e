package org.debswarm.peerwire.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

import org.debswarm.peerwire.internal.swarm.SwarmOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * @param fleet           discovery and the fleet key
 */
public record EngineOptions(InetSocketAddress listen, int maxConnections, int maxPerAddress, long uploadRate,
        long downloadRate, Duration connectTimeout, Duration tick, SwarmOptions swarm, FleetOptions fleet) {

    private static final Logger LOG = LoggerFactory.getLogger(EngineOptions.class);

    /** The default of {@link #maxPerAddress}: a few nodes behind one NAT connecting at once, not a flood. */
    public static final int MAX_PER_ADDRESS = 8;

    public EngineOptions {
        if (maxConnections < 1 || maxPerAddress < 1) {
            throw new IllegalArgumentException("connections " + maxConnections + ", per address " + maxPerAddress
                    + " (expected: both >= 1)");
        }
    }

    /** Without discovery or fleet key. */
    public EngineOptions(InetSocketAddress listen, int maxConnections, int maxPerAddress, long uploadRate,
            long downloadRate, Duration connectTimeout, Duration tick, SwarmOptions swarm) {
        this(listen, maxConnections, maxPerAddress, uploadRate, downloadRate, connectTimeout, tick, swarm,
                FleetOptions.NONE);
    }

    /** With the default limit per address. */
    public EngineOptions(InetSocketAddress listen, int maxConnections, long uploadRate, long downloadRate,
            Duration connectTimeout, Duration tick, SwarmOptions swarm, FleetOptions fleet) {
        this(listen, maxConnections, MAX_PER_ADDRESS, uploadRate, downloadRate, connectTimeout, tick, swarm, fleet);
    }

    /** With the default limit per address, without discovery or fleet key. */
    public EngineOptions(InetSocketAddress listen, int maxConnections, long uploadRate, long downloadRate,
            Duration connectTimeout, Duration tick, SwarmOptions swarm) {
        this(listen, maxConnections, MAX_PER_ADDRESS, uploadRate, downloadRate, connectTimeout, tick, swarm,
                FleetOptions.NONE);
    }

    public static EngineOptions loopback(int port) {
        return new EngineOptions(new InetSocketAddress("127.0.0.1", port), 200, 0, 0, Duration.ofSeconds(10),
                Duration.ofSeconds(2), SwarmOptions.DEFAULTS);
    }

    public EngineOptions withSwarm(SwarmOptions value) {
        return new EngineOptions(listen, maxConnections, maxPerAddress, uploadRate, downloadRate, connectTimeout,
                tick, value, fleet);
    }

    public EngineOptions withRates(long up, long down) {
        return new EngineOptions(listen, maxConnections, maxPerAddress, up, down, connectTimeout, tick, swarm, fleet);
    }

    public EngineOptions withFleet(FleetOptions value) {
        return new EngineOptions(listen, maxConnections, maxPerAddress, uploadRate, downloadRate, connectTimeout,
                tick, swarm, value);
    }

    static EngineOptions from(PeerWireConfiguration c) throws IOException {
        SwarmOptions defaults = SwarmOptions.DEFAULTS;
        SwarmOptions swarm = new SwarmOptions(c.uploadSlots(), c.maxBadPieces(), c.pipeline(), c.maxPeersPerTorrent(),
                defaults.snubTimeout(), defaults.keepAlive(), defaults.idleTimeout(), defaults.chokeInterval(),
                Duration.ofSeconds(c.optimisticUnchokeSeconds()), defaults.client());
        FleetOptions fleet = FleetOptions.from(c);
        InetSocketAddress listen = new InetSocketAddress(c.bindAddress(), c.port());
        String lan = c.lan() == null ? "" : c.lan().strip();
        if (!lan.isEmpty()) {
            LanMode mode = lanMode(lan, fleet);
            listen = new InetSocketAddress(mode.address(), c.port());
            fleet = new FleetOptions(c.lsd(), mode.nic().getName(), fleet.key(), fleet.allowPlainPeers(),
                    fleet.peerAllowlist());
            LOG.info("LAN mode: the peer wire listens on {} port {}{}", mode, c.port(),
                    c.lsd() ? ", Local Service Discovery on " + mode.nic().getName() : "");
        }
        return new EngineOptions(listen, c.maxConnections(), c.maxConnectionsPerAddress(),
                c.uploadRateLimit() * 1024L, c.downloadRateLimit() * 1024L, Duration.ofSeconds(c.connectTimeoutSeconds()),
                Duration.ofSeconds(2), swarm, fleet);
    }

    /** LAN mode fails closed: never on the LAN without a fleet key or a peer allowlist. */
    private static LanMode lanMode(String lan, FleetOptions fleet) throws IOException {
        if (fleet.key().isEmpty() && fleet.peerAllowlist().isEmpty()) {
            String message = "LAN mode (lan=" + lan + ") needs a fleet key (fleetKeyFile=) or a peer allowlist"
                    + " (peerAllowlist=CIDR,...) in PID org.debswarm.peerwire: the peer wire does not start on the LAN"
                    + " open to anyone. Make a key once (head -c 32 /dev/urandom | base64 > fleet.key) and give the"
                    + " same file to every node";
            LOG.error("Peer wire not started: {}", message);
            throw new IOException(message);
        }
        try {
            return LanMode.resolve(lan);
        } catch (IOException e) {
            LOG.error("Peer wire not started: {}", e.getMessage());
            throw e;
        }
    }
}
