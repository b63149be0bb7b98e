package org.debswarm.commons;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;
import java.util.Optional;

import org.junit.Test;

/** Address ranges and address literals, as the apt listener, the peer wire and the node read them. */
public class CidrTest {

    @Test
    public void rangesOfBothFamilies() throws Exception {
        Cidr lan = Cidr.parse("192.168.1.0/24");
        assertTrue(lan.contains(InetAddress.getByName("192.168.1.0")));
        assertTrue(lan.contains(InetAddress.getByName("192.168.1.255")));
        assertFalse(lan.contains(InetAddress.getByName("192.168.2.1")));
        assertFalse("another family never matches", lan.contains(InetAddress.getByName("::1")));
        Cidr odd = Cidr.parse("10.0.0.0/9");
        assertTrue(odd.contains(InetAddress.getByName("10.127.0.1")));
        assertFalse(odd.contains(InetAddress.getByName("10.128.0.1")));
        Cidr twelve = Cidr.parse("172.16.0.0/12");
        assertTrue(twelve.contains(InetAddress.getByName("172.31.255.255")));
        assertFalse(twelve.contains(InetAddress.getByName("172.32.0.0")));
        assertTrue(Cidr.parse("fd00::/8").contains(InetAddress.getByName("fd12:3456::1")));
        assertFalse(Cidr.parse("fd00::/8").contains(InetAddress.getByName("fe80::1")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("8.8.8.8")));
        assertTrue(Cidr.parse("::/0").contains(InetAddress.getByName("2001:db8::1")));
    }

    @Test
    public void aBareAddressIsARangeOfOne() throws Exception {
        Cidr one = Cidr.parse(" 203.0.113.9 ");
        assertEquals("203.0.113.9/32", one.toString());
        assertEquals(32, one.prefix());
        assertTrue(one.contains(InetAddress.getByName("203.0.113.9")));
        assertFalse(one.contains(InetAddress.getByName("203.0.113.10")));
        assertEquals(128, Cidr.parse("::1").prefix());
    }

    @Test
    public void anIpv4RangeMatchesTheMappedIpv6Form() throws Exception {
        InetAddress mapped = InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 127, 0, 0, 1});
        assertTrue(Cidr.parse("127.0.0.0/8").contains(mapped));
        assertFalse(Cidr.parse("10.0.0.0/8").contains(mapped));
    }

    @Test
    public void hostBitsAreIgnoredAndTheFormIsCanonical() {
        assertEquals("10.0.0.0/8", Cidr.parse("10.1.2.3/8").toString());
        assertEquals(Cidr.parse("10.0.0.0/8"), Cidr.parse("10.255.0.1/8"));
        assertEquals(Cidr.parse("10.0.0.0/8").hashCode(), Cidr.parse("10.255.0.1/8").hashCode());
        assertNotEquals(Cidr.parse("10.0.0.0/8"), Cidr.parse("10.0.0.0/9"));
        assertEquals("fd00:0:0:0:0:0:0:0/8", Cidr.parse("fd00::/8").toString());
    }

    @Test
    public void badRangesAreAClearError() {
        for (String bad : new String[] {"", " ", "eth0", "localhost", "example.org/24", "cafe", "1234", "10.0.0.0/33",
                "::/129", "10.0.0.0/", "10.0.0.0/x", "10.0.0.0/-1", "10.0.0.0/+8", "10.0.0.0/0008", "1.2.3/x",
                "10.0.0.0/8/8", "1.2.3.4.5", "::g", "300.1.1.1"}) {
            IllegalArgumentException e = assertThrows(bad, IllegalArgumentException.class, () -> Cidr.parse(bad));
            assertTrue(e.getMessage(), e.getMessage().contains("expected"));
            assertTrue("names the input: " + e.getMessage(), e.getMessage().contains(bad.strip()));
        }
    }

    @Test
    public void literalsAreReadWithoutDns() throws Exception {
        assertEquals(Optional.of(InetAddress.getByName("::1")), Cidr.literal("[::1]"));
        assertEquals(Optional.of(InetAddress.getByName("::1")), Cidr.literal("0:0:0:0:0:0:0:1"));
        assertEquals(Optional.of(InetAddress.getByName("127.0.0.1")), Cidr.literal("127.0.0.1"));
        for (String notLiteral : new String[] {"localhost", "deb.debian.org", "cafe", "1234", "", "[]", "[::1", "1.2.3.4.5",
                ":::", "300.1.1.1"}) {
            assertEquals(notLiteral, Optional.empty(), Cidr.literal(notLiteral));
        }
        assertEquals(Optional.empty(), Cidr.literal(null));
        assertTrue(Cidr.isAddressLiteral("fe80::1%2"));
        assertFalse(Cidr.isAddressLiteral("fe80::1%eth0"));
        assertFalse(Cidr.isAddressLiteral("beef"));
    }
}
