package org.debswarm.governor;

import java.util.concurrent.CompletableFuture;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The only path from a Debswarm node to a mirror: every HTTP download is a {@link #fetch}.
 * <p>
 * The governor admits a request when its host has fewer than the per-host limit of exchanges
 * in flight and the node fewer than the total limit; otherwise the request waits in a bounded,
 * fair queue (round-robin across hosts). It enforces the connect and idle timeouts of its
 * configuration and the request's whole {@linkplain MirrorRequest#deadline() deadline}, retries
 * idempotent requests on connection failures and 5xx answers with exponential backoff, fails
 * over to the next mirror of a configured group, and follows redirects (each hop admitted
 * under its own host's limits). Retries happen only before the response is handed over, so no
 * body byte reaches the caller twice.
 * <p>
 * Threads: the returned future is completed on one of the governor's I/O threads. Do not block
 * in dependent stages; hand blocking work such as reading the body to an executor of your own
 * ({@code thenApplyAsync(fn, executor)}) or call {@code get()} from your own thread.
 */
@ProviderType
public interface HttpGovernor {

    /**
     * Queues a request and returns a future of its response.
     * <p>
     * The future completes when the response headers of the final attempt have arrived, with any
     * status: 304 and 404 are answers, as is a 5xx once retries are exhausted. It completes
     * exceptionally with a {@link MirrorException} (its {@link MirrorException#reason() reason}
     * says which limit or failure ended it) and never later than the request's deadline.
     * Cancelling the future abandons the request and releases its place in the queue or its
     * connection. The caller must {@linkplain MirrorResponse#close() close} the response.
     *
     * @param request what to fetch
     * @return the response, completed at header time; its body streams with backpressure
     */
    CompletableFuture<MirrorResponse> fetch(MirrorRequest request);

    /**
     * Returns the counters and current occupancy, per host and in total.
     *
     * @return a consistent copy taken now
     */
    GovernorStats snapshot();
}
