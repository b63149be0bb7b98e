package org.debswarm.peerwire.internal.swarm;

import java.time.Duration;

/**
 * The tunables of a swarm.
 *
 * @param uploadSlots     peers unchoked at once, the optimistic one included
 * @param maxBadPieces    pieces failing verification after which a peer is banned
 * @param pipeline        requests outstanding per peer (lowered to the peer's BEP 10 {@code reqq})
 * @param maxPeers        connections of one torrent
 * @param snubTimeout     a peer with requests outstanding and no block for this long is dropped
 * @param keepAlive       a keep-alive is sent after this long without sending
 * @param idleTimeout     a peer silent for this long is dropped
 * @param chokeInterval   how often the choker runs
 * @param optimisticInterval how often the optimistic unchoke moves on
 * @param client          our client name in the BEP 10 handshake
 */
public record SwarmOptions(int uploadSlots, int maxBadPieces, int pipeline, int maxPeers, Duration snubTimeout,
        Duration keepAlive, Duration idleTimeout, Duration chokeInterval, Duration optimisticInterval,
        String client) {

    public static final SwarmOptions DEFAULTS = new SwarmOptions(4, 3, 128, 50, Duration.ofSeconds(60),
            Duration.ofSeconds(90), Duration.ofSeconds(180), Duration.ofSeconds(10), Duration.ofSeconds(30),
            "Debswarm 0.1");

    public SwarmOptions {
        if (uploadSlots < 1 || maxBadPieces < 1 || pipeline < 1 || maxPeers < 1) {
            throw new IllegalArgumentException("slots " + uploadSlots + ", bad pieces " + maxBadPieces
                    + ", pipeline " + pipeline + ", peers " + maxPeers + " (expected: all >= 1)");
        }
    }

    public SwarmOptions withMaxBadPieces(int value) {
        return new SwarmOptions(uploadSlots, value, pipeline, maxPeers, snubTimeout, keepAlive, idleTimeout,
                chokeInterval, optimisticInterval, client);
    }

    public SwarmOptions withUploadSlots(int value) {
        return new SwarmOptions(value, maxBadPieces, pipeline, maxPeers, snubTimeout, keepAlive, idleTimeout,
                chokeInterval, optimisticInterval, client);
    }

    public SwarmOptions withMaxPeers(int value) {
        return new SwarmOptions(uploadSlots, maxBadPieces, pipeline, value, snubTimeout, keepAlive, idleTimeout,
                chokeInterval, optimisticInterval, client);
    }
}
