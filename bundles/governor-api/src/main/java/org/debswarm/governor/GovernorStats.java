package org.debswarm.governor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of the governor: its limits, its totals and one entry per host it has talked to.
 *
 * @param takenAt when the snapshot was taken
 * @param maxConnectionsPerHost the configured per-host limit
 * @param maxConnectionsTotal the configured total limit
 * @param queueCapacity the configured bound of the wait queue
 * @param total the sums over every host, with host {@link HostStats#ALL_HOSTS}
 * @param hosts one entry per host, sorted by host
 */
public record GovernorStats(Instant takenAt, int maxConnectionsPerHost, int maxConnectionsTotal, int queueCapacity,
        HostStats total, List<HostStats> hosts) {

    /** Copies the host list so that the snapshot stays immutable. */
    public GovernorStats {
        hosts = List.copyOf(hosts);
    }

    /**
     * @param host a host as in {@link HostStats#host()}
     * @return its entry, if the governor has talked to it
     */
    public Optional<HostStats> host(String host) {
        return hosts.stream().filter(h -> h.host().equals(host)).findFirst();
    }
}
