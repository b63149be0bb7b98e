package org.debswarm.governor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.util.List;

import org.junit.Test;

public class MirrorGroupsTest {

    private static final MirrorGroups GROUPS = MirrorGroups.parse(new String[] {
        "deb.debian.org|ftp.de.debian.org|ftp.fr.debian.org, security.debian.org|127.0.0.1:8080",
        "[::1]:9000|mirror.example:9001"});

    @Test
    public void aRequestRotatesFromItsOwnHostThroughTheRestOfItsGroup() {
        URI uri = URI.create("http://ftp.de.debian.org/debian/dists/bookworm/InRelease?x=1");
        assertEquals(List.of(uri,
                URI.create("http://ftp.fr.debian.org/debian/dists/bookworm/InRelease?x=1"),
                URI.create("http://deb.debian.org/debian/dists/bookworm/InRelease?x=1")), GROUPS.candidates(uri));
    }

    @Test
    public void portsAreMatchedAndCarriedOver() {
        URI uri = URI.create("http://security.debian.org/debian-security/pool/a.deb");
        assertEquals(URI.create("http://127.0.0.1:8080/debian-security/pool/a.deb"), GROUPS.candidates(uri).get(1));
        URI ipv6 = URI.create("http://[::1]:9000/p");
        assertEquals(URI.create("http://mirror.example:9001/p"), GROUPS.candidates(ipv6).get(1));
        URI otherPort = URI.create("http://deb.debian.org:8081/p");
        assertEquals("a port other than the group's is another host", List.of(otherPort), GROUPS.candidates(otherPort));
    }

    @Test
    public void hostsAreMatchedWithoutRegardToCase() {
        assertEquals(3, GROUPS.candidates(URI.create("http://DEB.Debian.org/debian/")).size());
    }

    @Test
    public void aHostInNoGroupHasOnlyItself() {
        URI uri = URI.create("https://archive.ubuntu.com/ubuntu/");
        assertEquals(List.of(uri), GROUPS.candidates(uri));
        assertEquals(List.of(uri), MirrorGroups.parse(null).candidates(uri));
    }

    @Test
    public void badEntriesAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MirrorGroups.parse(new String[] {"a.org|http://b.org/debian"}));
        assertTrue(e.getMessage(), e.getMessage().contains("entry 'http://b.org/debian' in group 1"));
        e = assertThrows(IllegalArgumentException.class, () -> MirrorGroups.parse(new String[] {"a.org||b.org"}));
        assertTrue(e.getMessage(), e.getMessage().contains("entry '' in group 1"));
        e = assertThrows(IllegalArgumentException.class, () -> MirrorGroups.parse(new String[] {"a.org|b.org", "c.org|A.org"}));
        assertTrue(e.getMessage(), e.getMessage().contains("host 'A.org' in group 2 is already in group 1"));
    }
}
