package org.debswarm.peerwire.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;

import org.junit.Test;

/** LAN mode found on this host's real interfaces ({@code lo} stands for the LAN: every Linux host has it). */
public class LanModeTest {

    @Test
    public void byInterfaceNameOrByRange() throws Exception {
        LanMode byName = LanMode.resolve("lo");
        assertEquals("lo", byName.nic().getName());
        assertEquals("127.0.0.1", byName.address().getHostAddress());
        LanMode byRange = LanMode.resolve("127.0.0.0/8");
        assertEquals("lo", byRange.nic().getName());
        assertEquals("127.0.0.1", byRange.address().getHostAddress());
    }

    @Test
    public void nothingMatchingSaysWhatThisHostHas() {
        IOException none = assertThrows(IOException.class, () -> LanMode.resolve("198.51.100.0/24"));
        assertTrue(none.getMessage(), none.getMessage().startsWith(
                "lan=198.51.100.0/24: no interface of this host is up with an address in 198.51.100.0/24 (this host: "));
        assertTrue(none.getMessage(), none.getMessage().contains("127.0.0.1/8"));
        IOException neither = assertThrows(IOException.class, () -> LanMode.resolve("nosuch0"));
        assertTrue(neither.getMessage(), neither.getMessage().startsWith(
                "lan=nosuch0: neither an interface of this host nor a CIDR range"));
    }
}
