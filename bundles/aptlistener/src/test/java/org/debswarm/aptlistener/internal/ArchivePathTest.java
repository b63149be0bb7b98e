package org.debswarm.aptlistener.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.debswarm.aptlistener.internal.ArchivePath.Kind;
import org.junit.Test;

/** Which paths are indices, which are packages, and which lie outside a Debian archive. */
public class ArchivePathTest {

    @Test
    public void everythingBelowDistsIsAnIndex() {
        for (String p : new String[] {"debian/dists/bookworm/InRelease", "debian/dists/bookworm/Release.gpg",
            "debian/dists/bookworm/main/binary-amd64/Packages.xz", "debian/dists/bookworm/main/source/Sources.gz",
            "debian/dists/bookworm/main/i18n/Translation-en.bz2", "debian/dists/bookworm/main/Contents-amd64.gz",
            "ubuntu/dists/jammy/main/binary-amd64/Packages.diff/Index", "dists/sid/Release"}) {
            assertEquals(p, Kind.INDEX, of(p).kind());
        }
    }

    @Test
    public void byHashNamesAreImmutableIndices() {
        ArchivePath p = of("debian/dists/bookworm/main/binary-amd64/by-hash/SHA256/" + "ab".repeat(32));
        assertEquals(Kind.INDEX, p.kind());
        assertTrue(p.byHash());
        ArchivePath flat = of("repo/by-hash/SHA256/" + "cd".repeat(32));
        assertEquals(Kind.INDEX, flat.kind());
        assertTrue(flat.byHash());
        assertFalse(of("debian/dists/bookworm/InRelease").byHash());
    }

    @Test
    public void everythingBelowPoolIsAPackage() {
        for (String p : new String[] {"debian/pool/main/h/hello/hello_2.10-3_amd64.deb",
            "debian/pool/main/h/hello/hello_2.10-3.dsc", "pool/main/h/hello/hello_2.10.orig.tar.gz",
            "debian-security/pool/updates/main/o/openssl/libssl3_3.0.15-1~deb12u1_amd64.deb"}) {
            assertEquals(p, Kind.PACKAGE, of(p).kind());
        }
    }

    @Test
    public void flatRepositoriesHaveTheirIndicesAndPackagesInOneFolder() {
        assertEquals(Kind.INDEX, of("repo/Packages").kind());
        assertEquals(Kind.INDEX, of("repo/Packages.xz").kind());
        assertEquals(Kind.INDEX, of("repo/Sources.gz").kind());
        assertEquals(Kind.INDEX, of("repo/Release").kind());
        assertEquals(Kind.INDEX, of("repo/Release.gpg").kind());
        assertEquals(Kind.INDEX, of("repo/InRelease").kind());
        assertEquals(Kind.PACKAGE, of("repo/hello_1.0_all.deb").kind());
        assertEquals(Kind.PACKAGE, of("repo/hello_1.0.dsc").kind());
        assertEquals(Kind.PACKAGE, of("repo/hello_1.0.tar.xz").kind());
        assertEquals(Kind.PACKAGE, of("repo/hello_1.0-1.diff.gz").kind());
        assertEquals(Kind.PACKAGE, of("debian-installer.udeb").kind());
    }

    @Test
    public void anythingElseIsOutsideTheLayout() {
        for (String p : new String[] {"etc/passwd", "debian/README", "debian/index.html", "debian/dists",
            "debian/dists/bookworm", "debian/pool", "repo/Packages-notes.txt.exe".replace("Packages-", "notes-"),
            "debian/ls-lR.gz"}) {
            assertEquals(p, Kind.OTHER, of(p).kind());
        }
    }

    @Test
    public void tellsPackagesIndicesAndReleaseFilesByName() {
        assertTrue(ArchivePath.isPackagesIndex("debian/dists/bookworm/main/binary-amd64/Packages"));
        assertTrue(ArchivePath.isPackagesIndex("debian/dists/bookworm/main/binary-amd64/Packages.xz"));
        assertTrue(ArchivePath.isPackagesIndex("repo/Packages.gz"));
        assertTrue(ArchivePath.isPackagesIndex("Packages.bz2"));
        assertFalse(ArchivePath.isPackagesIndex("debian/dists/bookworm/main/binary-amd64/Packages.diff/Index"));
        assertFalse(ArchivePath.isPackagesIndex("debian/dists/bookworm/main/source/Sources.xz"));
        assertTrue(ArchivePath.isRelease("debian/dists/bookworm/InRelease"));
        assertTrue(ArchivePath.isRelease("repo/Release"));
        assertFalse(ArchivePath.isRelease("repo/Release.gpg"));
    }

    @Test
    public void theArchiveRootIsWhatPrecedesDistsOrAFlatIndexFolder() {
        assertEquals("debian", ArchivePath.archiveRoot("debian/dists/bookworm/main/binary-amd64/Packages.xz"));
        assertEquals("", ArchivePath.archiveRoot("dists/bookworm/main/binary-amd64/Packages.xz"));
        assertEquals("a/b", ArchivePath.archiveRoot("a/b/dists/x/main/binary-all/Packages"));
        assertEquals("repo/sub", ArchivePath.archiveRoot("repo/sub/Packages.gz"));
        assertEquals("", ArchivePath.archiveRoot("Packages"));
    }

    private static ArchivePath of(String path) {
        return ArchivePath.of(List.of(path.split("/")));
    }
}
