package org.debswarm.governor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;

import org.debswarm.governor.MirrorException.Reason;
import org.eclipse.jetty.http.DateGenerator;
import org.junit.Test;

public class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(1_000));

    @Test
    public void theFirstVisitToEachMirrorIsImmediate() {
        assertEquals(0, policy.delayMillis(1, 3, -1));
        assertEquals(0, policy.delayMillis(2, 3, -1));
    }

    @Test
    public void eachLaterRoundDoublesWithJitterUpToTheCap() {
        for (int i = 0; i < 50; i++) {
            assertBetween(80, 120, policy.delayMillis(3, 3, -1));
            assertBetween(160, 240, policy.delayMillis(6, 3, -1));
            assertBetween(80, 120, policy.delayMillis(1, 1, -1));
            assertBetween(320, 480, policy.delayMillis(3, 1, -1));
            assertBetween(800, 1_000, policy.delayMillis(10, 1, -1));
            assertBetween(800, 1_000, policy.delayMillis(1000, 1, -1));
        }
    }

    @Test
    public void retryAfterIsHonouredUpToTheCapWhenReturningToTheSameMirror() {
        assertEquals(700, policy.delayMillis(1, 1, 700));
        assertEquals(1_000, policy.delayMillis(1, 1, 60_000));
        assertEquals("another mirror does not wait", 0, policy.delayMillis(1, 2, 700));
    }

    @Test
    public void retryAfterParsesSecondsAndDates() {
        assertEquals(120_000, RetryPolicy.retryAfterMillis("120", 0));
        long now = 1_700_000_000_000L;
        assertEquals(30_000, RetryPolicy.retryAfterMillis(DateGenerator.formatDate(now + 30_000), now));
        assertEquals(-1, RetryPolicy.retryAfterMillis("soon", now));
        assertEquals(-1, RetryPolicy.retryAfterMillis(null, now));
        assertEquals(-1, RetryPolicy.retryAfterMillis("99999999999999", now));
    }

    @Test
    public void onlyTransientFailuresAndServerErrorsAreRetried() {
        assertTrue(RetryPolicy.retryable(Reason.CONNECT_FAILED));
        assertTrue(RetryPolicy.retryable(Reason.IDLE_TIMEOUT));
        assertFalse(RetryPolicy.retryable(Reason.DEADLINE_EXCEEDED));
        assertFalse(RetryPolicy.retryable(Reason.PROTOCOL_ERROR));
        assertFalse(RetryPolicy.retryable(Reason.CANCELLED));
        assertTrue(RetryPolicy.retryableStatus(503));
        assertTrue(RetryPolicy.retryableStatus(500));
        assertFalse(RetryPolicy.retryableStatus(501));
        assertFalse(RetryPolicy.retryableStatus(404));
        assertFalse(RetryPolicy.retryableStatus(304));
    }

    private static void assertBetween(long min, long max, long value) {
        assertTrue(value + " (expected: " + min + " to " + max + ")", value >= min && value <= max);
    }
}
