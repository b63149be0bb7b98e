package org.debswarm.peerwire.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    public void unlimitedGrantsEverything() {
        TokenBucket b = new TokenBucket(0, 0);
        assertTrue(b.unlimited());
        assertEquals(Long.MAX_VALUE, b.take(Long.MAX_VALUE, 0));
        assertEquals(0, b.nanosUntilAvailable(0));
    }

    @Test
    public void aBurstOfOneSecondThenTheRate() {
        TokenBucket b = new TokenBucket(1000, 0);
        assertEquals(1000, b.take(5000, 0));
        assertEquals(0, b.take(1, 0));
        assertEquals(SECOND / 1000, b.nanosUntilAvailable(0));
        assertEquals(500, b.take(5000, SECOND / 2));
        b.giveBack(200);
        assertEquals(200, b.take(5000, SECOND / 2));
        assertEquals("never more than one second's worth", 1000, b.take(5000, 100 * SECOND));
    }

    @Test
    public void negativeRatesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(-1, 0));
    }
}
