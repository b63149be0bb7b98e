package org.debswarm.peerwire.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Debswarm peer wire",
        description = "BitTorrent connections between nodes (BEP 3 peer wire, BEP 10 extension handshake).")
public @interface PeerWireConfiguration {

    @AttributeDefinition(name = "Port", description = "TCP port of the listening socket; 0 picks a free one")
    int port() default 6881;

    @AttributeDefinition(name = "Bind address",
            description = "Address of the listening socket; 0.0.0.0 to accept peers from other machines")
    String bindAddress() default "127.0.0.1";

    @AttributeDefinition(name = "Upload slots", description = "Peers unchoked at once, the optimistic one included")
    int uploadSlots() default 4;

    @AttributeDefinition(name = "Optimistic unchoke (s)", description = "How often the optimistic unchoke moves on")
    int optimisticUnchokeSeconds() default 30;

    @AttributeDefinition(name = "Bad pieces before a ban",
            description = "Pieces a peer may send that fail verification before it is banned")
    int maxBadPieces() default 3;

    @AttributeDefinition(name = "Request pipeline", description = "Block requests outstanding per peer")
    int pipeline() default 128;

    @AttributeDefinition(name = "Connections per torrent")
    int maxPeersPerTorrent() default 50;

    @AttributeDefinition(name = "Connections in total")
    int maxConnections() default 200;

    @AttributeDefinition(name = "Handshakes per address",
            description = "Incoming connections from one IP address waiting for their handshake at once; more are"
                    + " closed when accepted")
    int maxConnectionsPerAddress() default EngineOptions.MAX_PER_ADDRESS;

    @AttributeDefinition(name = "Upload limit (KiB/s)", description = "0 = unlimited")
    long uploadRateLimit() default 0;

    @AttributeDefinition(name = "Download limit (KiB/s)", description = "0 = unlimited")
    long downloadRateLimit() default 0;

    @AttributeDefinition(name = "Connect timeout (s)", description = "Deadline for connecting and the handshake")
    int connectTimeoutSeconds() default 10;

    @AttributeDefinition(name = "Local Service Discovery",
            description = "Find peers on the LAN by BEP 14 multicast, on the discovery interface (below) or the"
                    + " bind address's; never on loopback or an unchosen interface")
    boolean lsd() default true;

    @AttributeDefinition(name = "Discovery interface",
            description = "Interface name (eth0) or one of its addresses for Local Service Discovery; empty: the"
                    + " interface of the bind address (none while that is 127.0.0.1 or 0.0.0.0)")
    String discoveryInterface() default "";

    @AttributeDefinition(name = "Fleet key file",
            description = "File holding the fleet's shared secret (at least 16 bytes, e.g. head -c 32"
                    + " /dev/urandom | base64); peers that cannot prove they hold it are refused. Empty: no key")
    String fleetKeyFile() default "";

    @AttributeDefinition(name = "Standard torrents with ordinary clients",
            description = "With a fleet key: standard torrents (torrents/) still talk to keyless BitTorrent"
                    + " clients; Packages torrents never do")
    boolean allowPlainPeers() default false;

    @AttributeDefinition(name = "LAN mode",
            description = "An interface name (eth0) or a CIDR range (192.168.1.0/24) puts the peer wire on the LAN:"
                    + " it binds to this host's address there (instead of bindAddress), announces it, and runs Local"
                    + " Service Discovery on that interface. Needs fleetKeyFile or peerAllowlist: without either the"
                    + " peer wire refuses to start. Empty: loopback only")
    String lan() default "";

    @AttributeDefinition(name = "Peer allowlist",
            description = "CIDR ranges (192.168.1.0/24) peers may connect from and be dialled at; empty: any address"
                    + " (then LAN mode needs a fleet key)")
    String[] peerAllowlist() default {};
}
