package org.debswarm.node.internal.tracker;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class BackoffTest {

    @Test
    public void doublesFromFifteenSecondsToThirtyMinutes() {
        Backoff backoff = new Backoff(Backoff.INITIAL, Backoff.MAX, () -> 0.0);
        List<Long> seconds = new ArrayList<>();
        for (int failures = 1; failures <= 10; failures++) {
            seconds.add(backoff.delay(failures).toSeconds());
        }
        assertEquals(List.of(15L, 30L, 60L, 120L, 240L, 480L, 960L, 1800L, 1800L, 1800L), seconds);
        assertEquals(Duration.ofMinutes(30), backoff.delay(Integer.MAX_VALUE));
    }

    @Test
    public void jitterTakesUpToAQuarterOff() {
        Backoff most = new Backoff(Backoff.INITIAL, Backoff.MAX, () -> 0.999_999);
        assertEquals(11_250, most.delay(1).toMillis(), 1);
        assertEquals(1_350_000, most.delay(20).toMillis(), 2);
        Backoff half = new Backoff(Backoff.INITIAL, Backoff.MAX, () -> 0.5);
        assertEquals(Duration.ofMillis(26_250), half.delay(2));
    }

    @Test
    public void refusesAnUnboundedSchedule() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Backoff.MAX, () -> 0));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Backoff.MAX, Backoff.INITIAL, () -> 0));
    }
}
