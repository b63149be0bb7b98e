package org.debswarm.tracker.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class PeerAddressTest {

    @Test
    public void writesCompactIpv4() throws Exception {
        assertArrayEquals(new byte[] {(byte) 192, (byte) 168, 0, (byte) 255, (byte) 0xff, (byte) 0xff},
                PeerAddress.parse("192.168.0.255", 65535).compact());
    }

    @Test
    public void writesCompactIpv6() throws Exception {
        PeerAddress address = PeerAddress.parse("[fe80::1:2]", 1);
        byte[] expected = new byte[18];
        expected[0] = (byte) 0xfe;
        expected[1] = (byte) 0x80;
        expected[13] = 1;
        expected[15] = 2;
        expected[17] = 1;
        assertArrayEquals(expected, address.compact());
        assertTrue(address.ipv6());
        assertEquals("[fe80:0:0:0:0:0:1:2]:1", address.toString());
    }

    @Test
    public void mappedIpv4IsIpv4() throws Exception {
        PeerAddress address = PeerAddress.parse("::ffff:127.0.0.1", 80);
        assertFalse(address.ipv6());
        assertEquals("127.0.0.1:80", address.toString());
    }

    @Test
    public void refusesAnythingButLiterals() {
        for (String bad : new String[] {"", "localhost", "example.com", "1.2.3", "1.2.3.4.5", "01234.1.1.1",
                "1.2.3.-4", "g::1", "[::1", ":::::::::", "1::2::3", "fe80::1%", "a".repeat(100) + ":1"}) {
            assertThrows(bad, TrackerRequestException.class, () -> PeerAddress.parse(bad, 1));
        }
    }
}
