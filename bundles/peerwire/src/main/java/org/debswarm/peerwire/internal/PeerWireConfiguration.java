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
}
