package org.debswarm.node.internal.tracker;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.debswarm.torrent.bencode.ByteString;

/**
 * A tracker's successful answer (BEP 3): when to announce again, the peers (IPv4 and IPv6 together, BEP 23 and
 * BEP 7), and what else it said.
 *
 * @param interval    {@code interval}: seconds until the next regular announce
 * @param minInterval {@code min interval}, if given
 * @param peers       from {@code peers} then {@code peers6}, unresolved literals only
 * @param warning     {@code warning message}, if given
 * @param seeders     {@code complete}, or -1
 * @param leechers    {@code incomplete}, or -1
 * @param trackerId   {@code tracker id}, to send back as {@code trackerid}
 */
record AnnounceResponse(Duration interval, Optional<Duration> minInterval, List<InetSocketAddress> peers,
                               Optional<String> warning, long seeders, long leechers,
                               Optional<ByteString> trackerId) {

    public AnnounceResponse {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(minInterval, "minInterval");
        Objects.requireNonNull(warning, "warning");
        Objects.requireNonNull(trackerId, "trackerId");
        peers = List.copyOf(peers);
    }
}
