package org.debswarm.governor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

/** The per-host download limit, on a clock the test moves: bytes beyond the rate cost exactly their time. */
public class ThrottleTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    public void withinTheBurstNoWaitBeyondItTheTimeTheBytesTakeAtTheRate() {
        Throttle t = new Throttle(1024 * 1024, 0); // 1 MiB/s, burst 104857 bytes (100 ms)
        assertEquals(0, t.take(100_000, 0));
        long wait = t.take(1024 * 1024, 0); // 1 MiB more with ~4857 bytes left
        assertEquals((1024 * 1024 - 4857) * (double) SECOND / (1024 * 1024), wait, 2);
        assertEquals("a second later the debt is paid", 0, t.take(0, wait));
        assertEquals("refilled at the rate, never beyond the burst", 0, t.take(104_857, wait + 10 * SECOND));
        assertTrue(t.take(1, wait + 10 * SECOND) > 0);
    }

    @Test
    public void noLimitNeverWaits() {
        assertEquals(0, Throttle.NONE.take(Long.MAX_VALUE / 2, 0));
    }

    @Test
    public void limitsArePerHostWithADefaultAndSharedByTheHostsDownloads() {
        MirrorRates rates = new MirrorRates(MirrorRates.parse(new String[] {"deb.debian.org=512, *=64",
            "mirror.lan:8080=1024"}));
        assertEquals(512 * 1024, rates.of("deb.debian.org").bytesPerSecond());
        assertEquals(1024 * 1024, rates.of("mirror.lan:8080").bytesPerSecond());
        assertEquals(64 * 1024, rates.of("other.example").bytesPerSecond());
        assertSame(rates.of("deb.debian.org"), rates.of("deb.debian.org"));
        assertSame(Throttle.NONE, new MirrorRates(MirrorRates.parse(new String[] {"a.example=1"})).of("b.example"));
        assertEquals(Map.of("deb.debian.org", 2048L), MirrorRates.parse(new String[] {"deb.debian.org:80=2"}));
    }

    @Test
    public void badEntriesAreRefusedByName() {
        for (String bad : new String[] {"deb.debian.org", "=5", "x=0", "x=-1", "x=fast", "x=999999999999"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> MirrorRates.parse(new String[] {bad}));
            assertTrue(e.getMessage(), e.getMessage().contains("mirrorRateLimits"));
        }
    }
}
