package org.debswarm.tracker.internal;

import java.time.Instant;

import org.debswarm.tracker.PeerStats;

/**
 * One live peer of a swarm: the last announce it made. Mutable, and guarded by the lock of its {@link Swarm}.
 * The key is the peer id plus the IP address, so a client that reuses another host's peer id cannot stop or
 * overwrite that host's entry.
 */
final class Peer {

    final Bytes key;
    final Bytes peerId;
    /** Who the per-client limits count this peer against ({@link PeerAddress#client()}); the key fixes the IP. */
    final Bytes client;
    PeerAddress address;
    /** The address in compact form (BEP 23 / BEP 7), kept ready for announce responses. */
    byte[] compact;
    long uploaded;
    long downloaded;
    long left;
    Event event;
    long lastSeen;
    /** When this tracker first saw the peer (epoch ms; for a restored peer, its stored last announce). */
    final long firstSeen;
    /** Whether the peer has a row in the database (or in a write under way): every change of it is written. */
    boolean stored;
    /** Whether an announce of this peer moved the torrent's counters since its last write (or was an event). */
    boolean counted;
    /** Whether this peer's {@code completed} event was already counted, so repeating it counts once. */
    boolean completedCounted;
    /** Whether the last announce is not yet written to the database. */
    boolean dirty;
    /** Position in the swarm's list, for O(1) removal. */
    int index;

    /** @param key {@link #keyOf}{@code (peerId, address)}, which the caller has already computed */
    Peer(Bytes key, Bytes peerId, PeerAddress address, long firstSeen) {
        this.key = key;
        this.firstSeen = firstSeen;
        this.peerId = peerId;
        this.client = address.client();
        this.address = address;
        this.compact = address.compact();
    }

    /** A peer as its last stored announce left it. */
    static Peer restored(Bytes key, Bytes peerId, PeerAddress address, PeerRow row) {
        Peer peer = new Peer(key, peerId, address, row.lastSeen());
        peer.stored = true;
        peer.uploaded = row.uploaded();
        peer.downloaded = row.downloaded();
        peer.left = row.left();
        peer.event = Event.fromWireName(row.event());
        peer.lastSeen = row.lastSeen();
        return peer;
    }

    static Bytes keyOf(Bytes peerId, PeerAddress address) {
        return Bytes.concat(peerId, address.ip());
    }

    boolean seeder() {
        return left == 0;
    }

    void record(AnnounceRequest request, PeerAddress from, long now) {
        if (!from.equals(address)) {
            address = from;
            compact = from.compact();
        }
        uploaded = request.uploaded();
        downloaded = request.downloaded();
        left = request.left();
        event = request.event();
        lastSeen = now;
    }

    Contact contact() {
        return new Contact(peerId, address);
    }

    PeerRow row(Bytes infoHash) {
        return new PeerRow(infoHash.hex(), peerId.hex(), address.ipText(), address.port(), uploaded, downloaded,
                left, event.wireName(), lastSeen);
    }

    PeerStats stats() {
        return new PeerStats(peerId.hex(), address.ipText(), address.port(), uploaded, downloaded, left,
                event.wireName(), Instant.ofEpochMilli(lastSeen));
    }

    /** What an announce response says about a peer: its id and where it listens. */
    record Contact(Bytes peerId, PeerAddress address) {
    }
}
