package org.debswarm.peerwire.internal.swarm;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class RateMeterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    public void rateOverTheLastFiveSeconds() {
        RateMeter m = new RateMeter();
        for (int s = 0; s < 5; s++) {
            m.add(1000, 100 * SECOND + s * SECOND);
        }
        assertEquals(5000, m.total());
        assertEquals(1000, m.rate(104 * SECOND));
        assertEquals("older seconds drop out", 600, m.rate(106 * SECOND + SECOND / 2));
        assertEquals(0, m.rate(200 * SECOND));
        assertEquals(5000, m.total());
    }
}
