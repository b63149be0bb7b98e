package org.debswarm.aptlistener.internal;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.debswarm.governor.HttpGovernor;
import org.debswarm.governor.MirrorException;
import org.debswarm.governor.MirrorRequest;
import org.debswarm.governor.MirrorResponse;

/** Requests through the governor, and the statuses apt gets when a mirror fails. */
final class Mirror {

    private Mirror() {
    }

    /**
     * @return the governor's response; the caller closes it
     * @throws HttpRefusal 503 without a governor, 502 or 504 when the mirror fails or times out
     */
    static MirrorResponse fetch(Supplier<HttpGovernor> governors, MirrorRequest request, Duration deadline)
            throws HttpRefusal {
        HttpGovernor governor = governors.get();
        if (governor == null) {
            throw new HttpRefusal(503, "no HttpGovernor service: the governor bundle is stopped or being updated");
        }
        CompletableFuture<MirrorResponse> future = governor.fetch(request);
        try {
            return future.get(deadline.plus(Settings.SLACK).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(future);
            throw new HttpRefusal(503, "interrupted while waiting for " + request.uri());
        } catch (TimeoutException e) {
            abandon(future);
            throw new HttpRefusal(504, "mirror did not answer " + request.uri() + " within " + deadline.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw failure(request.uri().getHost(), e.getCause());
        }
    }

    /**
     * @param host the mirror, for the message
     * @param failure what ended a request or its body
     * @return the refusal apt gets: 504 for timeouts, 502 otherwise, or the refusal itself
     */
    static HttpRefusal failure(String host, Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpRefusal refusal) {
            return refusal;
        }
        if (cause instanceof MirrorException m) {
            return new HttpRefusal(m.reason().isTimeout() ? 504 : 502, "mirror " + host + " failed: " + m.getMessage(), m);
        }
        if (cause instanceof TimeoutException) {
            return new HttpRefusal(504, "mirror " + host + " timed out", cause);
        }
        if (cause instanceof CancellationException) {
            return new HttpRefusal(503, "download from " + host + " was cancelled (the listener is stopping)", cause);
        }
        return new HttpRefusal(502, "mirror " + host + " failed: " + cause, cause);
    }

    /** @return the refusal for a mirror status other than 200, 206 and 304 */
    static HttpRefusal status(String host, String path, int status) {
        if (status == 404 || status == 410) {
            return new HttpRefusal(404, "mirror " + host + " answered " + status + " for /" + path);
        }
        if (status >= 400 && status < 500) {
            return new HttpRefusal(status, "mirror " + host + " answered " + status + " for /" + path);
        }
        return new HttpRefusal(502, "mirror " + host + " answered " + status + " for /" + path);
    }

    private static void abandon(CompletableFuture<MirrorResponse> future) {
        if (!future.cancel(true) && !future.isCompletedExceptionally()) {
            future.thenAccept(MirrorResponse::close); // it arrived as we gave up: release its connection
        }
    }
}
