package org.debswarm.aptlistener.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.debswarm.rfc822.ReleaseFile;
import org.debswarm.rfc822.internal.DefaultControlParser;
import org.junit.Test;

/** By-hash names, expected digests and trust from bookworm's real InRelease. */
public class ReleaseNamesTest {

    /** From the shared data beside the checkout: -Ddebswarm.shared (set by the parent pom), else ../shared. */
    static final Path IN_RELEASE = Path.of(System.getProperty("debswarm.shared", "../../../shared"),
            "data/debian/bookworm/InRelease");
    private static final String DIGEST = "9e0b5aabb2465b3d2e7a7fe27f9913846277833f7a2826e7767acccff5b588c5";
    private static final String XZ = "debian/dists/bookworm/main/binary-amd64/Packages.xz";

    @Test
    public void mapsEachByHashNameToTheIndexItStandsFor() throws Exception {
        ReleaseNames names = new ReleaseNames();
        ReleaseNames.Contents release = names.record("deb.debian.org", "debian/dists/bookworm/InRelease",
                "c".repeat(64), bookworm(), true);
        assertTrue(release.acquireByHash());
        List<ReleaseNames.Listed> listed = release.listed();
        assertEquals(Optional.of(XZ), names.realName("deb.debian.org",
                "debian/dists/bookworm/main/binary-amd64/by-hash/SHA256/" + DIGEST));
        assertTrue(listed.contains(new ReleaseNames.Listed(XZ,
                "debian/dists/bookworm/main/binary-amd64/by-hash/SHA256/" + DIGEST, DIGEST, 8790396)));
        assertFalse(names.realName("other.example", "debian/dists/bookworm/main/binary-amd64/by-hash/SHA256/" + DIGEST)
                .isPresent());
        assertTrue(names.isCurrent("deb.debian.org", "debian/dists/bookworm/InRelease", "c".repeat(64)));
        assertFalse(names.isCurrent("deb.debian.org", "debian/dists/bookworm/InRelease", "d".repeat(64)));
        assertEquals(DIGEST, names.listed("deb.debian.org", XZ).orElseThrow().sha256());
        assertTrue(names.byHash("deb.debian.org", XZ));
    }

    @Test
    public void onlyAVerifiedReleaseMakesItsIndicesTrusted() throws Exception {
        ReleaseNames names = new ReleaseNames();
        names.record("deb.debian.org", "debian/dists/bookworm/InRelease", "c".repeat(64), bookworm(), false);
        assertFalse(names.trusts("deb.debian.org", XZ, DIGEST));
        assertTrue("served consistently all the same", names.listed("deb.debian.org", XZ).isPresent());
        names.record("deb.debian.org", "debian/dists/bookworm/InRelease", "d".repeat(64), bookworm(), true);
        assertTrue(names.trusts("deb.debian.org", XZ, DIGEST));
        assertFalse("another digest than the Release's", names.trusts("deb.debian.org", XZ, "e".repeat(64)));
        assertFalse("another mirror", names.trusts("other.example", XZ, DIGEST));
    }

    private static ReleaseFile bookworm() throws Exception {
        DefaultControlParser parser = new DefaultControlParser();
        try (InputStream in = Files.newInputStream(IN_RELEASE)) {
            return parser.release(parser.clearSigned(in).signedTextStream());
        }
    }
}
