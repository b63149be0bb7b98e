package org.debswarm.health.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class HealthServletTest {

    @Test
    public void waitIsWholeSecondsUpToAMinute() {
        assertEquals(0, HealthServlet.waitSeconds(null));
        assertEquals(0, HealthServlet.waitSeconds(""));
        assertEquals(30, HealthServlet.waitSeconds("30"));
        assertEquals(60, HealthServlet.waitSeconds("60"));
    }

    @Test
    public void aBadWaitIsRefusedWithTheRange() {
        assertEquals("wait=61 (expected: 0 to 60)",
                assertThrows(IllegalArgumentException.class, () -> HealthServlet.waitSeconds("61")).getMessage());
        assertEquals("wait=-1 (expected: 0 to 60)",
                assertThrows(IllegalArgumentException.class, () -> HealthServlet.waitSeconds("-1")).getMessage());
        assertEquals("wait=soon (expected: whole seconds, 0 to 60)",
                assertThrows(IllegalArgumentException.class, () -> HealthServlet.waitSeconds("soon")).getMessage());
    }
}
