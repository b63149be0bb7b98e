package org.debswarm.governor.internal;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.debswarm.governor.ByteRange;
import org.debswarm.governor.ContentRange;
import org.debswarm.governor.MirrorException;
import org.debswarm.governor.MirrorException.Reason;
import org.debswarm.governor.MirrorRequest;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Where a {@link Call} goes next: the current target, the mirror rotation it walks on failures,
 * the attempts and redirects spent, and whether an answer is handed over or replaced by a retry
 * or a redirect. Not thread-safe: used under the call's lock.
 */
final class Route {

    private final MirrorRequest request;
    private final GovernorSettings settings;
    private final RetryPolicy policy;
    private final long deadlineNanos;
    private final Set<String> hostsTried = new LinkedHashSet<>();
    private URI target;
    private List<URI> rotation;
    private int rotationStart;
    private int attempts;
    private int retries;
    private int redirects;

    Route(MirrorRequest request, GovernorSettings settings, RetryPolicy policy, long deadlineNanos) {
        this.request = request;
        this.settings = settings;
        this.policy = policy;
        this.deadlineNanos = deadlineNanos;
        this.target = request.uri();
        this.rotation = settings.mirrorGroups().candidates(target);
    }

    URI target() {
        return target;
    }

    int attempts() {
        return attempts;
    }

    void attemptStarted(String host) {
        attempts++;
        hostsTried.add(host);
    }

    /** @return the retry or redirect that replaces a response of this status, or {@code null} to hand it over */
    Attempt.Superseded replacement(URI from, int status, HttpFields headers) throws MirrorException {
        if (RetryPolicy.isRedirect(status) && headers.contains(HttpHeader.LOCATION)) {
            return redirect(from, status, headers.get(HttpHeader.LOCATION));
        }
        if (RetryPolicy.retryableStatus(status)) {
            return planRetry(RetryPolicy.retryAfterMillis(headers.get(HttpHeader.RETRY_AFTER), System.currentTimeMillis()));
        }
        return null;
    }

    /** @return the Content-Range of a 206, which must parse and start where the request asked */
    ContentRange checkedRange(URI from, HttpFields headers) throws MirrorException {
        String value = headers.get(HttpHeader.CONTENT_RANGE);
        ContentRange range;
        try {
            range = ContentRange.parse(value);
        } catch (IllegalArgumentException e) {
            throw new MirrorException(Reason.PROTOCOL_ERROR, from, "HTTP 206 with an " + e.getMessage(), e);
        }
        long asked = request.range().map(ByteRange::first).orElse(range.first());
        if (range.first() != asked) {
            throw new MirrorException(Reason.PROTOCOL_ERROR, from, "HTTP 206 with Content-Range '" + value
                    + "' starting at " + range.first() + " (expected: " + asked + ", the first position asked for)", null);
        }
        return range;
    }

    /**
     * @return the next target and the pause before it, or {@code null} when the request may not
     *         be retried: not idempotent, out of attempts, or the pause would outlast the deadline
     */
    Attempt.Superseded planRetry(long retryAfterMillis) {
        if (!request.idempotent() || retries + 1 >= settings.maxAttempts()) {
            return null;
        }
        int index = attempts - rotationStart;
        long delay = policy.delayMillis(index, rotation.size(), retryAfterMillis);
        if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay) >= deadlineNanos) {
            return null;
        }
        return new Attempt.Superseded(rotation.get(index % rotation.size()), delay, false);
    }

    /**
     * @return the redirect to follow, resolved against {@code from}; every hop is checked against the request's
     *         redirect rule and counted against {@code maxRedirects}
     */
    private Attempt.Superseded redirect(URI from, int status, String location) throws MirrorException {
        if (redirects >= settings.maxRedirects()) {
            throw new MirrorException(Reason.PROTOCOL_ERROR, from, "more than " + settings.maxRedirects()
                    + " redirects (limit maxRedirects) from " + request.uri() + ", the last one to '" + location + "'", null);
        }
        URI next;
        try {
            next = MirrorRequest.get(from.resolve(location.trim())).build().uri();
        } catch (IllegalArgumentException e) {
            throw new MirrorException(Reason.PROTOCOL_ERROR, from,
                    "HTTP " + status + " redirect to an unusable Location: " + e.getMessage(), e);
        }
        if (!request.redirectAllowed(next)) {
            throw new MirrorException(Reason.PROTOCOL_ERROR, from, "HTTP " + status + " redirect to " + next
                    + " refused: not an allowed mirror for " + request.uri(), null);
        }
        return new Attempt.Superseded(next, 0, true);
    }

    /** Moves to the next target; a redirect starts a new rotation over the new host's group. */
    void adopt(Attempt.Superseded next) {
        if (next.redirect()) {
            redirects++;
            rotation = settings.mirrorGroups().candidates(next.nextTarget());
            rotationStart = attempts;
        } else {
            retries++;
        }
        target = next.nextTarget();
    }

    /** @return the failure to report, naming the attempts and hosts when there were retries */
    MirrorException gaveUp(MirrorException last) {
        if (retries == 0) {
            return last;
        }
        return new MirrorException(last.reason(), last.uri(), request + ": gave up after " + attempts
                + " attempts on " + hostsTried + "; the last failed with " + last.getMessage(), last);
    }
}
