package org.debswarm.peerwire.internal.discovery;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.InetAddress;

import org.junit.Test;

/** Which interface discovery runs on, from the settings as the engine reads them, and when it does not run. */
public class DiscoveryInterfaceTest {

    @Test
    public void discoveryNeverRunsOnLoopbackOrAnUnchosenWildcard() throws Exception {
        assertTrue(DiscoveryInterface.resolve("", InetAddress.getLoopbackAddress()).isEmpty());
        assertTrue(DiscoveryInterface.resolve("", InetAddress.getByName("0.0.0.0")).isEmpty());
        assertEquals("the peer wire listens on 0.0.0.0 and discoveryInterface is not set",
                DiscoveryInterface.why("", InetAddress.getByName("0.0.0.0")));
        assertTrue(DiscoveryInterface.resolve("lo", InetAddress.getByName("0.0.0.0")).isEmpty());
        assertTrue(DiscoveryInterface.why("lo", InetAddress.getByName("0.0.0.0")).contains("cannot multicast"));
        assertEquals("no network interface is nosuch0",
                DiscoveryInterface.why("nosuch0", InetAddress.getByName("0.0.0.0")));
    }

    @Test
    public void noAnnouncesOfAPortOnlyThisMachineCanReach() throws Exception {
        assertTrue("a LAN interface with the peer wire on loopback: off",
                LsdService.start("eth0", InetAddress.getLoopbackAddress(),
                        6881, null, null, (h, p) -> { }).isEmpty());
    }
}
