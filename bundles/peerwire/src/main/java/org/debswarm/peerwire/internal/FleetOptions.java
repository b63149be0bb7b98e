package org.debswarm.peerwire.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.debswarm.peerwire.internal.fleet.FleetKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's fleet settings: Local Service Discovery, and the fleet key with its exception for standard
 * torrents.
 *
 * @param lsd                 whether BEP 14 Local Service Discovery runs (where an interface can multicast)
 * @param discoveryInterface  interface name or address for discovery; empty: the bind address's interface
 * @param key                 the fleet key: peers that cannot prove they hold it are refused
 * @param allowPlainPeers     standard torrents (not Packages torrents) talk to any BitTorrent client, keyless
 */
public record FleetOptions(boolean lsd, String discoveryInterface, Optional<FleetKey> key, boolean allowPlainPeers) {

    private static final Logger LOG = LoggerFactory.getLogger(FleetOptions.class);

    /** No discovery, no key: the engine as before issue 13, and what tests get unless they ask. */
    public static final FleetOptions NONE = new FleetOptions(false, "", Optional.empty(), false);

    public FleetOptions {
        discoveryInterface = discoveryInterface == null ? "" : discoveryInterface.strip();
    }

    public FleetOptions withKey(FleetKey value) {
        return new FleetOptions(lsd, discoveryInterface, Optional.of(value), allowPlainPeers);
    }

    public FleetOptions withLsd(String nic) {
        return new FleetOptions(true, nic, key, allowPlainPeers);
    }

    public FleetOptions withPlainPeers(boolean value) {
        return new FleetOptions(lsd, discoveryInterface, key, value);
    }

    /**
     * The settings of the component's configuration; a key file that cannot be used fails the activation, and
     * is logged here as an error: Declarative Services' own report of a failed activation does not reach the
     * node's console.
     */
    static FleetOptions from(PeerWireConfiguration c) throws IOException {
        String file = c.fleetKeyFile() == null ? "" : c.fleetKeyFile().strip();
        Optional<FleetKey> key = Optional.empty();
        if (!file.isEmpty()) {
            try {
                key = Optional.of(FleetKey.read(Path.of(file)));
            } catch (IOException e) {
                LOG.error("Peer wire not started: fleetKeyFile {} cannot be used: {}", file, e.toString());
                throw e;
            }
        }
        return new FleetOptions(c.lsd(), c.discoveryInterface(), key, c.allowPlainPeers());
    }
}
