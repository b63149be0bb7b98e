package org.debswarm.node.internal.tracker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.debswarm.torrent.bencode.ByteString;

/**
 * Sends one HTTP announce (BEP 3) and decodes the answer. Every announce ends by its deadline: the request
 * carries it as its timeout and the returned future fails with a {@link TrackerException} when it passes,
 * whatever the tracker does. Mirrors go through the governor; a tracker is not a mirror, so this uses its own
 * {@link HttpClient}.
 */
public final class HttpTrackerClient {

    /** Largest answer accepted: 200 peers take 3.6 KiB; 256 KiB leaves room for any honest tracker. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024;

    private final HttpClient http;
    private final Executor executor;
    private final Duration deadline;
    private final int maxResponseBytes;
    private final AnnounceResponseParser parser;

    /** @param http the client and the threads on which answers are handled (the JDK completes on its own pool) */
    public HttpTrackerClient(TrackerHttp http, Duration deadline, int maxResponseBytes) {
        this.http = http.client();
        this.executor = http.executor();
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        this.maxResponseBytes = maxResponseBytes;
        this.parser = new AnnounceResponseParser(maxResponseBytes);
    }

    /**
     * @param tracker   an {@code http} or {@code https} announce URL
     * @param trackerId the {@code tracker id} the tracker gave earlier, if any
     * @return the answer, or a failure with a {@link TrackerException} (refusal, HTTP error, malformed, too
     *         large, unreachable, deadline passed)
     */
    public CompletableFuture<AnnounceResponse> announce(URI tracker, AnnounceRequest request,
                                                        Optional<ByteString> trackerId) {
        HttpRequest get;
        try {
            get = HttpRequest.newBuilder(AnnounceQuery.uri(tracker, request, trackerId))
                    .timeout(deadline).header("Accept-Encoding", "identity").GET().build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new TrackerException("bad tracker URL " + tracker, e));
        }
        CompletableFuture<HttpResponse<byte[]>> sent = http.sendAsync(get, LimitedBody.handler(maxResponseBytes));
        return sent.orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .handleAsync((response, error) -> {
                    if (error != null) {
                        sent.cancel(true); // JDK 16+: aborts the exchange still under way
                        throw new CompletionException(failure(tracker, error));
                    }
                    return answer(tracker, response);
                }, executor);
    }

    private AnnounceResponse answer(URI tracker, HttpResponse<byte[]> response) {
        try {
            if (response.statusCode() != 200) {
                throw new TrackerException("HTTP " + response.statusCode() + " from " + tracker);
            }
            return parser.parse(response.body());
        } catch (TrackerException e) {
            throw new CompletionException(e);
        }
    }

    private TrackerException failure(URI tracker, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TrackerException) {
            return (TrackerException) cause;
        }
        if (cause instanceof TimeoutException || cause instanceof java.net.http.HttpTimeoutException) {
            return new TrackerException(tracker + " did not answer within " + deadline.toSeconds() + " s", cause);
        }
        return new TrackerException(tracker + " unreachable: " + cause, cause);
    }
}
