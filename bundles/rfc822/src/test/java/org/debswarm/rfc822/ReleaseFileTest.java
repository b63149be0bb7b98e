package org.debswarm.rfc822;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.CoreMatchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import org.debswarm.rfc822.internal.DefaultControlParser;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/** Release files, from a fixture modelled on bookworm-security's (digests synthetic). */
@RunWith(Parameterized.class)
public class ReleaseFileTest {

    private static final String RELEASE = new String(Fixtures.resource("Release"), UTF_8);
    private static final String PACKAGES_XZ = "updates/main/binary-amd64/Packages.xz";

    @Parameters(name = "{0}")
    public static List<Object[]> feeds() {
        return Feed.both();
    }

    private final Feed feed;
    private final ControlParser parser = new DefaultControlParser();

    public ReleaseFileTest(Feed feed) {
        this.feed = feed;
    }

    @Test
    public void readsTheTypedFields() throws IOException {
        ReleaseFile r = parser.release(feed.of(RELEASE));
        assertEquals("Debian-Security", r.label());
        assertEquals("stable-security", r.suite());
        assertEquals("bookworm-security", r.codename());
        assertEquals("Mon, 17 Nov 2025 18:04:11 UTC", r.validUntil());
        assertEquals(Instant.parse("2025-11-17T18:04:11Z"), r.validUntilInstant().orElseThrow());
        assertEquals(Instant.parse("2025-11-10T18:04:11Z"), r.dateInstant().orElseThrow());
        assertTrue(r.acquireByHash());
        assertEquals(List.of("updates/main", "updates/contrib", "updates/non-free", "updates/non-free-firmware"),
                r.components());
        assertEquals(7, r.architectures().size());
    }

    @Test
    public void findsHashesByPath() throws IOException {
        ReleaseFile r = parser.release(feed.of(RELEASE));
        assertEquals(5, r.sha256Files().size());
        assertEquals(new FileChecksum(PACKAGES_XZ, 254_136, Fixtures.sha256(PACKAGES_XZ)), r.sha256(PACKAGES_XZ).get());
        assertFalse(r.sha256("updates/main/binary-amd64/Packages.bz2").isPresent());
        FileHash md5 = r.md5Files().get(2);
        assertEquals(PACKAGES_XZ, md5.path());
        assertEquals(Fixtures.digest("MD5", PACKAGES_XZ.getBytes(UTF_8)), md5.hex());
        assertEquals("MD5Sum", md5.algorithm());
        assertEquals(r.sha256Files().get(4).sha256(), r.fileHashes("sha256").get(4).hex());
        assertTrue(r.fileHashes("SHA512").isEmpty());
    }

    @Test
    public void acceptsOtherDateSpellings() throws IOException {
        String offset = RELEASE.replace("Date: Mon, 10 Nov 2025 18:04:11 UTC", "Date: Mon,  3 Nov 2025 18:04:11 +0000");
        assertEquals(Instant.parse("2025-11-03T18:04:11Z"), parser.release(feed.of(offset)).dateInstant().get());
    }

    @Test
    public void minimalReleaseHasEmptyDefaults() throws IOException {
        ReleaseFile r = parser.release(feed.of("Suite: x\n"));
        assertTrue(r.sha256Files().isEmpty());
        assertTrue(r.architectures().isEmpty());
        assertFalse(r.acquireByHash());
        assertFalse(r.dateInstant().isPresent());
        assertEquals(null, r.codename());
    }

    @Test
    public void badDate() throws IOException {
        assertFails(RELEASE.replace("Valid-Until: Mon, 17 Nov", "Valid-Until: Mon, 17 Novembre"), 7,
                "Valid-Until: 'Mon, 17 Novembre 2025 18:04:11 UTC' (expected: an RFC 2822 date");
    }

    @Test
    public void duplicatePath() throws IOException {
        String row = " " + Fixtures.sha256(PACKAGES_XZ) + "   254136 " + PACKAGES_XZ + "\n";
        assertFails(RELEASE + row, 18, "SHA256: " + PACKAGES_XZ + " is listed twice");
    }

    @Test
    public void malformedHashLines() throws IOException {
        assertFails(RELEASE.replace("   254136 " + PACKAGES_XZ, "   254136"), 21, "SHA256: '");
        String shortMd5 = RELEASE.replace(Fixtures.digest("MD5", PACKAGES_XZ.getBytes(UTF_8)), "abcd");
        ReleaseFile r = parser.release(feed.of(shortMd5));
        try {
            r.md5Files();
            fail();
        } catch (ControlParseException e) {
            assertEquals(15, e.line());
            assertThat(e.getMessage(), containsString("MD5Sum: digest 'abcd' has 4 characters (expected: 32)"));
        }
    }

    @Test
    public void clearsignedTextIsRefusedWithAHint() throws IOException {
        assertFails(ClearSignedTest.SIGNED, 1, "read InRelease with ControlParser.clearSigned");
    }

    @Test
    public void exactlyOneParagraph() throws IOException {
        assertFails("", 0, "no paragraph: an empty Release file");
        assertFails(RELEASE + "\nSuite: again\n", 25, "a second paragraph");
    }

    private void assertFails(String text, int line, String problem) throws IOException {
        try {
            parser.release(feed.of(text));
            fail();
        } catch (ControlParseException e) {
            assertThat(e.getMessage(), containsString(problem));
            assertEquals(e.getMessage(), line, e.line());
        }
    }
}
