package org.debswarm.aptlistener.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;

/** Client address ranges (allowedClients). */
public class ClientFilterTest {

    @Test
    public void theDefaultAllowsLoopbackOnly() {
        ClientFilter f = ClientFilter.of("127.0.0.0/8", "::1/128");
        assertTrue(f.allows("127.0.0.1"));
        assertTrue(f.allows("127.1.2.3"));
        assertTrue(f.allows("::1"));
        assertTrue(f.allows("[::1]"));
        assertTrue(f.allows("0:0:0:0:0:0:0:1"));
        assertTrue(f.allows("::ffff:127.0.0.1"));
        assertFalse(f.allows("128.0.0.1"));
        assertFalse(f.allows("192.168.1.7"));
        assertFalse(f.allows("::2"));
    }

    @Test
    public void lanRangesMatchOnTheirPrefix() {
        ClientFilter f = ClientFilter.of("192.168.1.0/24, 10.0.0.0/8 fd00::/8");
        assertTrue(f.allows("192.168.1.0"));
        assertTrue(f.allows("192.168.1.255"));
        assertFalse(f.allows("192.168.2.1"));
        assertTrue(f.allows("10.200.3.4"));
        assertTrue(f.allows("fd12:3456::1"));
        assertFalse(f.allows("fe80::1"));
        assertFalse(f.allows("127.0.0.1"));
    }

    @Test
    public void oddPrefixesAndSingleAddresses() {
        ClientFilter f = ClientFilter.of("172.16.0.0/12", "203.0.113.9", "0.0.0.0/0");
        assertTrue(f.allows("8.8.8.8"));
        ClientFilter twelve = ClientFilter.of("172.16.0.0/12", "203.0.113.9");
        assertTrue(twelve.allows("172.31.255.255"));
        assertFalse(twelve.allows("172.32.0.0"));
        assertTrue(twelve.allows("203.0.113.9"));
        assertFalse(twelve.allows("203.0.113.10"));
    }

    @Test
    public void neverResolvesNamesAndRefusesGarbage() {
        ClientFilter f = ClientFilter.of("0.0.0.0/0", "::/0");
        assertFalse(f.allows("localhost"));
        assertFalse(f.allows(""));
        assertFalse(f.allows(null));
        assertFalse(ClientFilter.of().allows("127.0.0.1"));
        for (String bad : new String[] {"localhost", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "1.2.3/x"}) {
            try {
                ClientFilter.of(bad);
                fail(bad);
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage(), expected.getMessage().contains("expected"));
            }
        }
    }
}
