package org.debswarm.governor.internal;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.debswarm.governor.MirrorException.Reason;
import org.eclipse.jetty.http.DateParser;

/**
 * When to try again and how long to wait first. A request walks round its mirror group: the
 * first visit to each mirror is immediate (failover should not wait), each later round waits
 * {@code initial * 2^(round-1)}, capped, with +-20% jitter so that many nodes do not return
 * to a recovering mirror in step.
 */
final class RetryPolicy {

    /** Failures worth another attempt: the mirror may be fine a moment later or another mirror may be. */
    private static final Set<Reason> RETRYABLE = EnumSet.of(
            Reason.CONNECT_FAILED, Reason.CONNECT_TIMEOUT, Reason.CONNECTION_LOST, Reason.IDLE_TIMEOUT);

    private final long initialMillis;
    private final long maxMillis;

    RetryPolicy(Duration initial, Duration max) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
    }

    static boolean retryable(Reason reason) {
        return RETRYABLE.contains(reason);
    }

    /** 5xx are server trouble and worth a retry, except "not implemented" and "version not supported". */
    static boolean retryableStatus(int status) {
        return status >= 500 && status <= 599 && status != 501 && status != 505;
    }

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * @param attempt the 0-based number of the attempt about to start ({@code >= 1})
     * @param groupSize how many mirrors the request rotates over
     * @param retryAfterMillis what the failed mirror asked for, or -1; honoured (capped) only
     *        when the next attempt goes back to that same mirror
     * @return the pause before that attempt, in milliseconds
     */
    long delayMillis(int attempt, int groupSize, long retryAfterMillis) {
        int round = attempt / groupSize;
        if (round == 0) {
            return 0;
        }
        long base = Math.min(maxMillis, initialMillis << Math.min(round - 1, 30));
        long jittered = Math.min(maxMillis, Math.round(base * ThreadLocalRandom.current().nextDouble(0.8, 1.2)));
        boolean sameMirror = groupSize == 1;
        return sameMirror && retryAfterMillis > 0 ? Math.max(jittered, Math.min(retryAfterMillis, maxMillis)) : jittered;
    }

    /**
     * @param value a {@code Retry-After} header: delta-seconds or an HTTP-date (RFC 9110 section 10.2.3)
     * @return milliseconds to wait, or -1 when absent or malformed
     */
    static long retryAfterMillis(String value, long nowMillis) {
        if (value == null || value.isBlank()) {
            return -1;
        }
        String v = value.trim();
        if (v.length() <= 9 && v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Long.parseLong(v) * 1000;
        }
        long date = DateParser.parseDate(v);
        return date < 0 ? -1 : Math.max(0, date - nowMillis);
    }
}
