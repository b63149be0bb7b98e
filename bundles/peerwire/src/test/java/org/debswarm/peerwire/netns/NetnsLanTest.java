package org.debswarm.peerwire.netns;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Test;

/** The namespace LAN helper itself: hosts reach each other, limits apply, and everything is gone after. */
public class NetnsLanTest {

    private static boolean exists(String namespace) {
        return Files.exists(Path.of("/run/netns", namespace)) || Files.exists(Path.of("/var/run/netns", namespace));
    }

    @Test
    public void hostsReachEachOtherAndAreDeletedAfter() throws Exception {
        assumeTrue("needs root and ip(8) for network namespaces", NetnsLan.available());
        try (NetnsLan lan = NetnsLan.create("fleet-nst", 2)) {
            assertEquals(0, lan.host(1).run("ip", "-br", "addr", "show", "eth0"));
            if (Files.isExecutable(Path.of("/usr/bin/ping")) || Files.isExecutable(Path.of("/bin/ping"))) {
                assertEquals("IPv4", 0, lan.host(1).run("ping", "-c1", "-W5", lan.host(2).ipv4()));
                assertEquals("IPv6", 0, lan.host(2).run("ping", "-6", "-c1", "-W5", lan.host(1).ipv6()));
            }
            lan.host(1).limitEgress("160mbit");
            assertEquals(0, lan.host(1).run("tc", "qdisc", "show", "dev", "eth0"));
        }
        assertFalse(exists("fleet-nst-1"));
        assertFalse(exists("fleet-nst-2"));
        assertFalse(exists("fleet-nst-sw"));
    }

    @Test
    public void aFailingTestLeavesNothingBehind() throws Exception {
        assumeTrue("needs root and ip(8) for network namespaces", NetnsLan.available());
        assertThrows(IllegalStateException.class, () -> {
            try (NetnsLan lan = NetnsLan.create("fleet-nst", 1)) {
                throw new IllegalStateException("the test failed");
            }
        });
        assertFalse(exists("fleet-nst-1"));
        assertFalse(exists("fleet-nst-sw"));
    }
}
