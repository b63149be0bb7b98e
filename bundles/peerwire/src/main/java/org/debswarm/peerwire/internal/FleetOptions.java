package org.debswarm.peerwire.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.debswarm.commons.Cidr;
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
 * @param peerAllowlist       the only addresses peers may connect from or be dialled at; empty: any
 */
record FleetOptions(boolean lsd, String discoveryInterface, Optional<FleetKey> key, boolean allowPlainPeers,
        List<Cidr> peerAllowlist) {

    private static final Logger LOG = LoggerFactory.getLogger(FleetOptions.class);

    /** No discovery, no key: the engine as before issue 13, and what tests get unless they ask. */
    static final FleetOptions NONE = new FleetOptions(false, "", Optional.empty(), false, List.of());

    FleetOptions(boolean lsd, String discoveryInterface, Optional<FleetKey> key, boolean allowPlainPeers) {
        this(lsd, discoveryInterface, key, allowPlainPeers, List.of());
    }

    FleetOptions {
        discoveryInterface = discoveryInterface == null ? "" : discoveryInterface.strip();
        peerAllowlist = List.copyOf(peerAllowlist);
    }

    FleetOptions withKey(FleetKey value) {
        return new FleetOptions(lsd, discoveryInterface, Optional.of(value), allowPlainPeers, peerAllowlist);
    }

    FleetOptions withLsd(String nic) {
        return new FleetOptions(true, nic, key, allowPlainPeers, peerAllowlist);
    }

    FleetOptions withPlainPeers(boolean value) {
        return new FleetOptions(lsd, discoveryInterface, key, value, peerAllowlist);
    }

    FleetOptions withPeerAllowlist(List<Cidr> value) {
        return new FleetOptions(lsd, discoveryInterface, key, allowPlainPeers, value);
    }

    /** Whether a peer at {@code address} may connect or be dialled: the allowlist holds it, or there is none. */
    boolean admits(InetAddress address) {
        return peerAllowlist.isEmpty() || (address != null && peerAllowlist.stream().anyMatch(c -> c.contains(address)));
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
        List<Cidr> allowlist = new java.util.ArrayList<>();
        for (String range : c.peerAllowlist() == null ? new String[0] : c.peerAllowlist()) {
            if (!range.isBlank()) {
                try {
                    allowlist.add(Cidr.parse(range));
                } catch (IllegalArgumentException e) {
                    LOG.error("Peer wire not started: peerAllowlist: {}", e.getMessage());
                    throw new IOException("peerAllowlist: " + e.getMessage(), e);
                }
            }
        }
        return new FleetOptions(c.lsd(), c.discoveryInterface(), key, c.allowPlainPeers(), allowlist);
    }
}
