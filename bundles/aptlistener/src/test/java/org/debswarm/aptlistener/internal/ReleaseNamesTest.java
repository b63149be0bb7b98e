package org.debswarm.aptlistener.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.debswarm.rfc822.internal.DefaultControlParser;
import org.junit.Test;

/** By-hash names from bookworm's real InRelease. */
public class ReleaseNamesTest {

    static final Path IN_RELEASE = Path.of(System.getProperty("debswarm.shared", "/work/shared"),
            "data/debian/bookworm/InRelease");

    @Test
    public void mapsEachByHashNameToTheIndexItStandsFor() throws Exception {
        ReleaseNames names = new ReleaseNames();
        ReleaseNames.Contents release = names.read(new DefaultControlParser(), "deb.debian.org",
                "debian/dists/bookworm/InRelease", IN_RELEASE, "c".repeat(64));
        assertTrue(release.acquireByHash());
        List<ReleaseNames.Listed> listed = release.listed();
        String digest = "9e0b5aabb2465b3d2e7a7fe27f9913846277833f7a2826e7767acccff5b588c5";
        assertEquals(Optional.of("debian/dists/bookworm/main/binary-amd64/Packages.xz"), names.realName("deb.debian.org",
                "debian/dists/bookworm/main/binary-amd64/by-hash/SHA256/" + digest));
        assertTrue(listed.contains(new ReleaseNames.Listed("debian/dists/bookworm/main/binary-amd64/Packages.xz",
                "debian/dists/bookworm/main/binary-amd64/by-hash/SHA256/" + digest, digest)));
        assertFalse(names.realName("other.example", "debian/dists/bookworm/main/binary-amd64/by-hash/SHA256/" + digest)
                .isPresent());
        assertTrue(names.isCurrent("deb.debian.org", "debian/dists/bookworm/InRelease", "c".repeat(64)));
        assertFalse(names.isCurrent("deb.debian.org", "debian/dists/bookworm/InRelease", "d".repeat(64)));
    }
}
