package org.debswarm.aptlistener.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;

/** Request targets in both forms apt uses, and every way a target is refused. */
public class TargetParserTest {

    private static final int LOCAL = 9988;
    private final TargetParser parser = new TargetParser(
            MirrorAllowList.of("deb.debian.org", "security.debian.org", "127.0.0.1:8081"), 2048);

    @Test
    public void prefixFormNamesTheMirrorInTheFirstSegment() throws Exception {
        RequestTarget t = parser.parse("/deb.debian.org/debian/dists/bookworm/InRelease", null, "localhost", LOCAL, LOCAL);
        assertEquals("deb.debian.org", t.host());
        assertEquals("debian/dists/bookworm/InRelease", t.path());
        assertFalse(t.proxyForm());
    }

    @Test
    public void prefixFormAcceptsAMirrorWithAPortAndUpperCase() throws Exception {
        RequestTarget t = parser.parse("/127.0.0.1:8081/debian/pool/main/h/hello/hello_1.0_all.deb", null,
                "127.0.0.1", LOCAL, LOCAL);
        assertEquals("127.0.0.1:8081", t.host());
        assertEquals("debian/pool/main/h/hello/hello_1.0_all.deb", t.path());
        RequestTarget upper = parser.parse("/DEB.Debian.org:80/debian/dists/x/Release", null, "localhost", LOCAL, LOCAL);
        assertEquals("deb.debian.org", upper.host());
    }

    @Test
    public void proxyFormTakesTheMirrorFromTheAuthority() throws Exception {
        RequestTarget t = parser.parse("/debian/dists/bookworm/InRelease", null, "deb.debian.org", 80, LOCAL);
        assertEquals("deb.debian.org", t.host());
        assertEquals("debian/dists/bookworm/InRelease", t.path());
        assertTrue(t.proxyForm());
        RequestTarget port = parser.parse("/debian/dists/bookworm/InRelease", null, "127.0.0.1", 8081, LOCAL);
        assertEquals("127.0.0.1:8081", port.host());
        assertTrue(port.proxyForm());
    }

    @Test
    public void aListenerOnPort80StillTellsTheFormsApart() throws Exception {
        assertTrue(parser.parse("/debian/dists/x/Release", null, "deb.debian.org", 80, 80).proxyForm());
        assertFalse(parser.parse("/deb.debian.org/debian/dists/x/Release", null, "debswarm.lan", 80, 80).proxyForm());
    }

    @Test
    public void decodesEscapesThatAreSafe() throws Exception {
        RequestTarget t = parser.parse("/deb.debian.org/debian/pool/main/g/g%2b%2b-12/g%2B%2B-12_12.2.0-14_amd64.deb",
                null, "localhost", LOCAL, LOCAL);
        assertEquals("debian/pool/main/g/g++-12/g++-12_12.2.0-14_amd64.deb", t.path());
        assertEquals("http://deb.debian.org/debian/pool/main/g/g++-12/g++-12_12.2.0-14_amd64.deb",
                t.mirrorUri("http").toString());
    }

    @Test
    public void theMirrorUriEncodesWhatNeedsIt() throws Exception {
        RequestTarget t = parser.parse("/deb.debian.org/debian/pool/a%20b%25c.deb", null, "localhost", LOCAL, LOCAL);
        assertEquals("debian/pool/a b%c.deb", t.path());
        assertEquals("https://deb.debian.org/debian/pool/a%20b%25c.deb", t.mirrorUri("https").toString());
    }

    @Test
    public void aPlainDotSegmentAsAptSendsForAFlatRepositoryNamesTheSameFolder() throws Exception {
        assertEquals("repo/InRelease", parser.parse("/deb.debian.org/repo/./InRelease", null, "localhost", LOCAL, LOCAL).path());
        assertEquals("repo/hello_1.0_all.deb",
                parser.parse("/deb.debian.org/repo/././hello_1.0_all.deb", null, "localhost", LOCAL, LOCAL).path());
    }

    @Test
    public void refusesTraversalsInEveryDisguise() {
        for (String path : new String[] {
            "/deb.debian.org/debian/../../etc/passwd",
            "/deb.debian.org/debian/%2e%2e/%2E%2E/etc/passwd",
            "/deb.debian.org/debian/.%2e/x",
            "/deb.debian.org/debian/%2e/dists/x/Release",
            "/deb.debian.org/./..",
            "/deb.debian.org/debian%2f..%2fetc/passwd",
            "/deb.debian.org/debian/pool%5c..%5cx.deb",
            "/deb.debian.org/debian/pool\\x.deb",
            "/deb.debian.org/debian/pool/x%00.deb",
            "/deb.debian.org/debian/pool/x%0a.deb",
            "/deb.debian.org//debian/pool/x.deb",
            "/deb.debian.org/debian/pool/",
            "/deb.debian.org/debian/pool/%zz.deb",
            "/deb.debian.org/debian/pool/%c3%28.deb",
            "/..",
            "/deb.debian.org"}) {
            assertRefused(path, 400);
        }
    }

    @Test
    public void refusesMirrorsThatAreNotAllowedAndSaysHowToAllowThem() {
        HttpRefusal r = assertRefused("/evil.example/debian/dists/x/Release", 403);
        assertTrue(r.getMessage(), r.getMessage().contains("allowedMirrors") && r.getMessage().contains(AptListener.PID));
        assertRefusedProxy("/debian/dists/x/Release", "evil.example", 80, 403);
        assertRefusedProxy("/debian/dists/x/Release", "deb.debian.org", 8080, 403); // another port is another mirror
        assertRefused("/127.0.0.1:8082/debian/dists/x/Release", 403);
    }

    @Test
    public void refusesAHostThatCouldNotBeAFolderName() {
        assertRefused("/deb.debian.org%3b/debian/dists/x/Release", 400);
        assertRefused("/.hidden/debian/dists/x/Release", 400);
    }

    @Test
    public void refusesOverlongTargetsWith414AndQueriesWith400() throws Exception {
        assertRefused("/deb.debian.org/" + "a".repeat(2100), 414);
        try {
            parser.parse("/deb.debian.org/debian/dists/x/Release", "x=1", "localhost", LOCAL, LOCAL);
            fail();
        } catch (HttpRefusal e) {
            assertEquals(400, e.status());
        }
    }

    private HttpRefusal assertRefused(String path, int status) {
        try {
            RequestTarget t = parser.parse(path, null, "localhost", LOCAL, LOCAL);
            throw new AssertionError(path + " was accepted as " + t);
        } catch (HttpRefusal e) {
            assertEquals(path + ": " + e.getMessage(), status, e.status());
            return e;
        }
    }

    private void assertRefusedProxy(String path, String host, int port, int status) {
        try {
            RequestTarget t = parser.parse(path, null, host, port, LOCAL);
            throw new AssertionError(host + ":" + port + path + " was accepted as " + t);
        } catch (HttpRefusal e) {
            assertEquals(e.getMessage(), status, e.status());
        }
    }
}
