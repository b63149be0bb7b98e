package org.debswarm.governor;

/**
 * Counters and occupancy of one mirror host, or of all hosts together ({@link #ALL_HOSTS}).
 * Counts run from the start of the governor; attempts include retries and redirect hops.
 *
 * @param host the host as {@code name} or {@code name:port} (port only when not the scheme's default)
 * @param active exchanges in flight now, each holding one connection
 * @param queued requests waiting for a connection now
 * @param requests attempts sent
 * @param bytes response body bytes received, as on the wire (before decoding)
 * @param errors attempts that failed: connection failures, timeouts, 5xx answers
 * @param timeouts the errors that were connect, idle or whole-request timeouts
 */
public record HostStats(String host, int active, int queued, long requests, long bytes, long errors, long timeouts) {

    /** The {@link #host()} of the totals. */
    public static final String ALL_HOSTS = "*";
}
