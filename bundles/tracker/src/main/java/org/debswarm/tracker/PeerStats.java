package org.debswarm.tracker;

import java.time.Instant;
import java.util.Objects;

/**
 * The last announce of one live peer.
 *
 * @param peerId     the 20-byte peer id as 40 lower-case hexadecimal digits
 * @param ip         the peer's address as the tracker hands it out (IPv4 dotted quad or IPv6 text form)
 * @param port       the peer's listening port, 1 to 65535
 * @param uploaded   the {@code uploaded} counter of its last announce
 * @param downloaded the {@code downloaded} counter of its last announce
 * @param left       the {@code left} counter of its last announce; 0 means a seeder
 * @param event      the event of its last announce: {@code started}, {@code completed}, {@code stopped},
 *                   {@code paused} or {@code ""} for a regular one
 * @param lastAnnounce when its last announce arrived
 */
public record PeerStats(String peerId, String ip, int port, long uploaded, long downloaded, long left, String event,
        Instant lastAnnounce) {

    /** Checks that nothing is null. */
    public PeerStats {
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(lastAnnounce, "lastAnnounce");
    }

    /** Whether the peer has the whole torrent. */
    public boolean seeder() {
        return left == 0;
    }
}
