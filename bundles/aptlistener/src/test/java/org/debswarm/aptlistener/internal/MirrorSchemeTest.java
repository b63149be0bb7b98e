package org.debswarm.aptlistener.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

import org.junit.Test;

/** Mirrors marked https:// in allowedMirrors: allowed by their authority, reached over TLS. */
public class MirrorSchemeTest {

    @Test
    public void anHttpsEntryIsAllowedByItsAuthorityAndReachedOverTls() {
        MirrorAllowList list = MirrorAllowList.of("https://Mirror.Lan:8443/, http://deb.debian.org", "security.debian.org:80");
        assertTrue(list.allows("mirror.lan:8443"));
        assertTrue(list.allows("deb.debian.org"));
        assertTrue(list.allows("security.debian.org"));
        assertEquals(Set.of("mirror.lan:8443"), list.https());

        Settings settings = new Settings("http", Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO,
                Duration.ZERO, list.https());
        assertEquals(URI.create("https://mirror.lan:8443/debian/dists/x/InRelease"),
                new RequestTarget("mirror.lan:8443", "debian/dists/x/InRelease", false).mirrorUri(settings));
        assertEquals(URI.create("http://deb.debian.org/debian/pool/a%20b.deb"),
                new RequestTarget("deb.debian.org", "debian/pool/a b.deb", true).mirrorUri(settings));
        assertEquals("https", new Settings("https", Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO,
                Duration.ZERO).schemeFor("deb.debian.org"));
    }

    @Test
    public void aBadEntryIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MirrorAllowList.of("https://bad/host"));
        assertThrows(IllegalArgumentException.class, () -> MirrorAllowList.of("ftp://deb.debian.org"));
    }
}
