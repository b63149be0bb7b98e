package org.debswarm.rfc822;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.debswarm.rfc822.internal.DefaultControlParser;
import org.junit.BeforeClass;
import org.junit.Test;
import org.tukaani.xz.XZInputStream;

/** The real bookworm files in ../shared/data: counts, hashes, and the two readers agreeing. */
public class RealArchiveTest {

    private static final String AMD64 = "main/binary-amd64/Packages.xz";
    private static final String ALL = "main/binary-all/Packages.xz";

    private static byte[] amd64;

    private final ControlParser parser = new DefaultControlParser();

    @BeforeClass
    public static void decompressOnce() throws IOException {
        try (InputStream in = xz(Fixtures.bookworm(AMD64))) {
            amd64 = in.readAllBytes();
        }
    }

    private static InputStream xz(Path file) throws IOException {
        return new XZInputStream(new BufferedInputStream(Files.newInputStream(file)));
    }

    @Test
    public void countsTheParagraphsOfAmd64() throws IOException {
        int count = 0;
        int fields = 0;
        try (ParagraphReader reader = parser.paragraphs(xz(Fixtures.bookworm(AMD64)))) {
            for (Paragraph p = reader.next(); p != null; p = reader.next()) {
                count++;
                fields += p.size();
            }
        }
        assertEquals(63_440, count);
        assertTrue(fields > 63_440 * 12);
    }

    @Test
    public void typedReaderAgreesWithParagraphsEntryByEntry() throws IOException {
        int count = 0;
        try (PackageReader packages = parser.packages(new ByteArrayInputStream(amd64));
                ParagraphReader paragraphs = parser.paragraphs(new ByteArrayInputStream(amd64))) {
            for (PackageEntry e = packages.next(); e != null; e = packages.next()) {
                Paragraph p = paragraphs.next();
                assertEquals(PackageEntry.from(p), e);
                assertNull(e.paragraph());
                count++;
            }
            assertNull(paragraphs.next());
        }
        assertEquals(63_440, count);
    }

    @Test
    public void readsTheFirstAmd64Entry() throws IOException {
        try (PackageReader reader = parser.packages(new ByteArrayInputStream(amd64))) {
            PackageEntry e = reader.next();
            assertEquals("0ad", e.packageName());
            assertEquals("0.0.26-3", e.version());
            assertEquals("amd64", e.architecture());
            assertEquals("pool/main/0/0ad/0ad_0.0.26-3_amd64.deb", e.filename());
            assertEquals(7_891_488, e.size());
            assertEquals("3a2118df47bf3f04285649f0455c2fc6fe2dc7f0b237073038aa00af41f0d5f2", e.sha256());
        }
    }

    @Test
    public void readsTheLongestRealLine() throws IOException {
        try (ParagraphReader reader = parser.paragraphs(new ByteArrayInputStream(amd64))) {
            int longest = 0;
            for (Paragraph p = reader.next(); p != null; p = reader.next()) {
                String provides = p.field("Provides");
                longest = Math.max(longest, provides == null ? 0 : provides.length());
            }
            assertEquals(75_649 - "Provides: ".length(), longest);
        }
    }

    @Test
    public void countsBinaryAllFedByteByByte() throws IOException {
        int count = 0;
        try (PackageReader reader = parser.packages(Feed.BYTE_BY_BYTE.wrap(xz(Fixtures.bookworm(ALL))))) {
            for (PackageEntry e = reader.next(); e != null; e = reader.next()) {
                assertEquals("all", e.architecture());
                count++;
            }
        }
        assertEquals(31_439, count);
    }

    @Test
    public void inReleaseListsTheRealPackagesFiles() throws IOException {
        ReleaseFile release = inRelease();
        for (String path : List.of(AMD64, ALL)) {
            byte[] file = Files.readAllBytes(Fixtures.bookworm(path));
            FileChecksum listed = release.sha256(path).orElseThrow();
            assertEquals(path, listed.path());
            assertEquals(file.length, listed.size());
            assertEquals(Fixtures.digest("SHA-256", file), listed.sha256());
        }
        FileChecksum text = release.sha256("main/binary-amd64/Packages").orElseThrow();
        assertEquals(amd64.length, text.size());
        assertEquals(Fixtures.digest("SHA-256", amd64), text.sha256());
        FileHash md5 = release.md5Files().stream().filter(h -> h.path().equals(AMD64)).findFirst().orElseThrow();
        assertEquals(Fixtures.digest("MD5", Files.readAllBytes(Fixtures.bookworm(AMD64))), md5.hex());
    }

    @Test
    public void inReleaseTypedFields() throws IOException {
        ReleaseFile release = inRelease();
        assertEquals("Debian", release.origin());
        assertEquals("oldstable", release.suite());
        assertEquals("bookworm", release.codename());
        assertEquals("12.15", release.version());
        assertEquals("Sat, 11 Jul 2026 10:16:37 UTC", release.date());
        assertEquals(Instant.parse("2026-07-11T10:16:37Z"), release.dateInstant().orElseThrow());
        assertNull(release.validUntil());
        assertFalse(release.validUntilInstant().isPresent());
        assertTrue(release.acquireByHash());
        assertEquals(List.of("all", "amd64", "arm64", "armel", "armhf", "i386", "mips64el", "mipsel", "ppc64el",
                "s390x"), release.architectures());
        assertEquals(List.of("main", "contrib", "non-free-firmware", "non-free"), release.components());
        assertEquals(release.md5Files().size(), release.sha256Files().size());
        assertEquals(1561 - 790 + 1, release.sha256Files().size());
        assertFalse(release.sha256("main/binary-amd64/Packages.bz2").isPresent());
    }

    private ReleaseFile inRelease() throws IOException {
        try (InputStream in = Files.newInputStream(Fixtures.bookworm("InRelease"))) {
            return parser.release(parser.clearSigned(in).signedTextStream());
        }
    }
}
