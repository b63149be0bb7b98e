package org.debswarm.peerwire.internal.swarm;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.debswarm.torrent.bencode.ByteString;

/**
 * Strikes for pieces that failed verification, and the peers banned for them. A peer is known by its
 * endpoint (address and port) and its peer id rather than by its address alone, so that several nodes behind
 * one address (a NAT, or loopback in tests) are not banned for one of them. Thread-safe.
 */
final class BanList {

    private final int maxBadPieces;
    private final Map<InetSocketAddress, Integer> strikes = new HashMap<>();
    private final Set<InetSocketAddress> endpoints = new HashSet<>();
    private final Set<ByteString> peerIds = new HashSet<>();

    BanList(int maxBadPieces) {
        this.maxBadPieces = maxBadPieces;
    }

    /** What a strike did to the peer. */
    public enum Strike {
        /** Counted; the peer may stay. */
        COUNTED,
        /** This strike banned the peer: the ban to report, once per peer id. */
        BANNED,
        /** The peer id was banned already (by a connection to another endpoint, or in another torrent). */
        ALREADY_BANNED;

        /** Whether the peer's connection is to be closed. */
        public boolean banned() {
            return this != COUNTED;
        }
    }

    /** Adds a strike against the peer at {@code endpoint}. */
    public synchronized Strike strike(InetSocketAddress endpoint, byte[] peerId) {
        int count = strikes.merge(endpoint, 1, Integer::sum);
        if (count < maxBadPieces) {
            return Strike.COUNTED;
        }
        endpoints.add(endpoint);
        return peerIds.add(ByteString.of(peerId)) ? Strike.BANNED : Strike.ALREADY_BANNED;
    }

    public synchronized boolean isBanned(InetSocketAddress endpoint) {
        return endpoints.contains(endpoint);
    }

    public synchronized boolean isBanned(byte[] peerId) {
        return peerIds.contains(ByteString.of(peerId));
    }

    public synchronized int size() {
        return endpoints.size();
    }
}
