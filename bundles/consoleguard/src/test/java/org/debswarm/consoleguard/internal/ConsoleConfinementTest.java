package org.debswarm.consoleguard.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class ConsoleConfinementTest {

    @Test
    public void theConsolesPathsInEveryDisguise() {
        for (String uri : new String[] {"/system/console", "/system/console/bundles", "/system/%63onsole/bundles",
            "/debian/../system/console/configMgr", "//system//console/", "/system/console/%2e%2e/console",
            // path parameters, raw and encoded (once and twice), on either segment
            "/system/console;x/bundles", "/system;x/console/bundles", "/system/console;/bundles",
            "/system/console%3Bx/bundles", "/system/console%3bx/bundles", "/system/console%253Bx/bundles",
            "/system/console;jsessionid=1", "/system;a=b/console;c=d/configMgr",
            // dot segments and doubled slashes in every place
            "/./system/./console/bundles", "/system/.//console", "/system/%2e/console", "/x/y/../../system/console",
            "/..;/system/console", "///system///console///bundles", "/system%2fconsole/bundles",
            // case, trailing dots and blanks, backslashes
            "/SYSTEM/Console/bundles", "/System/CONSOLE", "/system./console./bundles", "/system/console../bundles",
            "/system/console%20/bundles", "/system\\console\\bundles", "/system%5Cconsole"}) {
            assertTrue(uri, ConsolePath.isConsole(uri));
        }
    }

    @Test
    public void everythingElsePasses() {
        for (String uri : new String[] {"/", "/debian/dists/bookworm/InRelease", "/system/consoles", "/announce",
            "/stats.json", "/deb.debian.org/debian/pool/main/s/system/console_1.0_all.deb", "/system",
            "/system/consolex", "/consoles/system/console", "/system/../console", "/%", "/%zz/%4", null}) {
            assertFalse(String.valueOf(uri), ConsolePath.isConsole(uri));
        }
    }

    @Test
    public void decodingIsBoundedAndKeepsMalformedEscapes() {
        assertEquals("/a%zz%4", ConsolePath.decoded("/a%zz%4"));
        assertEquals("/;", ConsolePath.decoded("/%25253B"));
        String deep = "/%" + "25".repeat(100) + "3B";
        assertTrue("stops after a bounded number of rounds", ConsolePath.decoded(deep).startsWith("/%25"));
        assertEquals("non-ASCII survives", "/é/\uD83D\uDE00", ConsolePath.decoded("/%C3%A9/\uD83D\uDE00"));
    }
}
