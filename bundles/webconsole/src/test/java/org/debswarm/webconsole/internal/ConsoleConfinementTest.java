package org.debswarm.webconsole.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class ConsoleConfinementTest {

    @Test
    public void theConsolesPathsInEveryDisguise() {
        for (String uri : new String[] {"/system/console", "/system/console/bundles", "/system/%63onsole/bundles",
            "/debian/../system/console/configMgr", "//system//console/", "/system/console/%2e%2e/console"}) {
            assertTrue(uri, ConsoleConfinement.isConsolePath(uri));
        }
    }

    @Test
    public void everythingElsePasses() {
        for (String uri : new String[] {"/", "/debian/dists/bookworm/InRelease", "/system/consoles", "/announce",
            "/stats.json", "/deb.debian.org/debian/pool/main/s/system/console_1.0_all.deb", null}) {
            assertFalse(String.valueOf(uri), ConsoleConfinement.isConsolePath(uri));
        }
    }
}
