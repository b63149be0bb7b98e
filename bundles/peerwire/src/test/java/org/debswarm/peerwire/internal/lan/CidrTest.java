package org.debswarm.peerwire.internal.lan;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;

import org.junit.Test;

public class CidrTest {

    @Test
    public void rangesOfBothFamilies() throws Exception {
        Cidr lan = Cidr.parse("192.168.1.0/24");
        assertTrue(lan.contains(InetAddress.getByName("192.168.1.254")));
        assertFalse(lan.contains(InetAddress.getByName("192.168.2.1")));
        assertFalse("another family never matches", lan.contains(InetAddress.getByName("::1")));
        Cidr odd = Cidr.parse("10.0.0.0/9");
        assertTrue(odd.contains(InetAddress.getByName("10.127.0.1")));
        assertFalse(odd.contains(InetAddress.getByName("10.128.0.1")));
        assertTrue(Cidr.parse("fd00::/64").contains(InetAddress.getByName("fd00::1234")));
        assertTrue(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("8.8.8.8")));
        assertEquals("a bare address is a range of one", "10.1.2.3/32", Cidr.parse(" 10.1.2.3 ").toString());
    }

    @Test
    public void badRangesSayWhatIsExpected() {
        for (String bad : new String[] {"", "eth0", "example.org/24", "10.0.0.0/33", "10.0.0.0/x", "10.0.0.0/-1"}) {
            IllegalArgumentException e = assertThrows(bad, IllegalArgumentException.class, () -> Cidr.parse(bad));
            assertTrue(e.getMessage(), e.getMessage().contains("expected") || e.getMessage().contains("not a CIDR"));
        }
    }
}
