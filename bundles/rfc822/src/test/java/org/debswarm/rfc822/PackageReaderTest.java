package org.debswarm.rfc822;

import static org.hamcrest.CoreMatchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.debswarm.rfc822.internal.DefaultControlParser;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/** The typed Packages reader and {@link PackageEntry#from(Paragraph)}: the same answers, the same errors. */
@RunWith(Parameterized.class)
public class PackageReaderTest {

    private static final String SHA = "53745ae74d05bccf6783400fa98f3932b21729ab9d2e86151aa2c331c3455178";

    static final String ENTRY = "Package: 0ad-data\n"
            + "Version: 0.0.26-1\n"
            + "Installed-Size: 3218736\n"
            + "Maintainer: Debian Games Team <pkg-games-devel@lists.alioth.debian.org>\n"
            + "Architecture: all\n"
            + "Pre-Depends: dpkg (>= 1.15.6~)\n"
            + "Description: Real-time strategy game of ancient warfare (data files)\n"
            + "Tag: role::app-data\n"
            + "Filename: pool/main/0/0ad-data/0ad-data_0.0.26-1_all.deb\n"
            + "Size: 1377557908\n"
            + "MD5sum: fc5ed8a20ce1861950c7ed3a5a615be0\n"
            + "SHA256: " + SHA + "\n";

    @Parameters(name = "{0}")
    public static List<Object[]> feeds() {
        return Feed.both();
    }

    private final Feed feed;
    private final ControlParser parser = new DefaultControlParser();

    public PackageReaderTest(Feed feed) {
        this.feed = feed;
    }

    private List<PackageEntry> typed(String text) throws IOException {
        List<PackageEntry> all = new ArrayList<>();
        try (PackageReader reader = parser.packages(feed.of(text))) {
            for (PackageEntry e = reader.next(); e != null; e = reader.next()) {
                all.add(e);
            }
        }
        return all;
    }

    private List<PackageEntry> viaParagraphs(String text) throws IOException {
        List<PackageEntry> all = new ArrayList<>();
        try (ParagraphReader reader = parser.paragraphs(feed.of(text))) {
            for (Paragraph p = reader.next(); p != null; p = reader.next()) {
                all.add(PackageEntry.from(p));
            }
        }
        return all;
    }

    @Test
    public void readsTheTypedFields() throws IOException {
        PackageEntry e = typed(ENTRY).get(0);
        assertEquals("0ad-data", e.packageName());
        assertEquals("0.0.26-1", e.version());
        assertEquals("all", e.architecture());
        assertEquals("pool/main/0/0ad-data/0ad-data_0.0.26-1_all.deb", e.filename());
        assertEquals(1_377_557_908L, e.size());
        assertEquals(SHA, e.sha256());
        assertNull(e.paragraph());
    }

    @Test
    public void fromParagraphKeepsTheParagraph() throws IOException {
        PackageEntry e = viaParagraphs(ENTRY).get(0);
        assertEquals(typed(ENTRY).get(0), e);
        assertEquals("dpkg (>= 1.15.6~)", e.paragraph().field("Pre-Depends"));
    }

    @Test
    public void ignoresNameCaseAndFoldsTheDigestToLowerCase() throws IOException {
        String odd = ENTRY.replace("Filename:", "FILENAME:").replace("SHA256: " + SHA, "sha256: " + SHA.toUpperCase());
        assertEquals(typed(ENTRY), typed(odd));
        assertEquals(SHA, viaParagraphs(odd).get(0).sha256());
    }

    @Test
    public void acceptsCrLfAndAMissingFinalNewline() throws IOException {
        assertEquals(typed(ENTRY), typed(ENTRY.trim()));
        assertEquals(typed(ENTRY), typed(ENTRY.replace("\n", "\r\n")));
    }

    @Test
    public void readsSeveralEntries() throws IOException {
        String two = ENTRY + "\n" + ENTRY.replace("0ad-data", "other");
        List<PackageEntry> all = typed(two);
        assertEquals(2, all.size());
        assertEquals("other", all.get(1).packageName());
        assertEquals(viaParagraphs(two), all);
    }

    @Test
    public void missingField() throws IOException {
        assertBoth(ENTRY.replace("SHA256: " + SHA + "\n", ""), 1, "paragraph has no SHA256 field");
        assertBoth("\n\n" + ENTRY.replace("Filename", "X-Filename"), 3, "paragraph has no Filename field");
    }

    @Test
    public void digestOfTheWrongLengthOrNotHex() throws IOException {
        assertBoth(ENTRY.replace(SHA, SHA.substring(1)), 1, "SHA256 '" + SHA.substring(1) + "' has 63 characters"
                + " (expected: 64 hexadecimal digits)");
        assertBoth(ENTRY.replace(SHA, "g" + SHA.substring(1)), 1, "is not hexadecimal");
    }

    @Test
    public void sizeThatIsNotADecimalNumber() throws IOException {
        assertBoth(ENTRY.replace("Size: 1377557908", "Size: 12a"), 10, "Size: '12a' is not a size");
        assertBoth(ENTRY.replace("Size: 1377557908", "Size: -1"), 10, "Size: '-1' is not a size");
        assertBoth(ENTRY.replace("Size: 1377557908", "Size: 1234567890123456789"), 10, "is not a size");
    }

    @Test
    public void emptyOrMultiLineValue() throws IOException {
        assertBoth(ENTRY.replace("Version: 0.0.26-1", "Version:"), 2, "Version: empty value");
        assertBoth(ENTRY.replace("Filename: pool", "Filename:\n pool"), 9, "Filename: value spans several lines");
    }

    @Test
    public void unsafeFilename() throws IOException {
        assertBoth(ENTRY.replace("Filename: pool", "Filename: /pool"), 1, "(expected: a non-empty relative path)");
        assertBoth(ENTRY.replace("Filename: pool/main", "Filename: pool/../../etc"), 1, "contains a '..' segment");
    }

    @Test
    public void constructorValidates() {
        PackageEntry e = new PackageEntry("a", "1", "amd64", "pool/a.deb", 0, SHA.toUpperCase(), null);
        assertEquals(SHA, e.sha256());
        try {
            new PackageEntry("", "1", "amd64", "pool/a.deb", 0, SHA, null);
            fail();
        } catch (IllegalArgumentException expected) {
            assertThat(expected.getMessage(), containsString("Package is empty"));
        }
    }

    @Test
    public void paragraphIsKeptByFrom() throws IOException {
        try (ParagraphReader reader = parser.paragraphs(feed.of(ENTRY))) {
            Paragraph p = reader.next();
            assertSame(p, PackageEntry.from(p).paragraph());
        }
    }

    /** Both ways of reading fail alike: same line, same problem. */
    private void assertBoth(String text, int line, String problem) throws IOException {
        for (boolean fast : new boolean[] {true, false}) {
            try {
                List<PackageEntry> read = fast ? typed(text) : viaParagraphs(text);
                fail((fast ? "typed" : "from(paragraph)") + " accepted " + read);
            } catch (ControlParseException e) {
                assertThat(e.getMessage(), containsString(problem));
                assertEquals(e.getMessage(), line, e.line());
            }
        }
    }
}
