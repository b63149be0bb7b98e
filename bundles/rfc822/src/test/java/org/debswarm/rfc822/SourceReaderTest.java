package org.debswarm.rfc822;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.CoreMatchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
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

/** Sources indices, from a fixture modelled on bookworm's (digests are synthetic). */
@RunWith(Parameterized.class)
public class SourceReaderTest {

    private static final String SOURCES = new String(Fixtures.resource("Sources"), UTF_8);

    @Parameters(name = "{0}")
    public static List<Object[]> feeds() {
        return Feed.both();
    }

    private final Feed feed;
    private final ControlParser parser = new DefaultControlParser();

    public SourceReaderTest(Feed feed) {
        this.feed = feed;
    }

    private List<SourceEntry> read(String text) throws IOException {
        List<SourceEntry> all = new ArrayList<>();
        try (SourceReader reader = parser.sources(feed.of(text))) {
            for (SourceEntry e = reader.next(); e != null; e = reader.next()) {
                all.add(e);
            }
            assertNull(reader.next());
        }
        return all;
    }

    @Test
    public void readsEntriesWithTheirFiles() throws IOException {
        List<SourceEntry> all = read(SOURCES);
        assertEquals(2, all.size());
        SourceEntry hello = all.get(0);
        assertEquals("hello", hello.packageName());
        assertEquals("2.10-3", hello.version());
        assertEquals("pool/main/h/hello", hello.directory());
        assertEquals(List.of(
                new FileChecksum("hello_2.10-3.dsc", 1183, Fixtures.sha256("hello_2.10-3.dsc")),
                new FileChecksum("hello_2.10.orig.tar.gz", 725_946, Fixtures.sha256("hello_2.10.orig.tar.gz")),
                new FileChecksum("hello_2.10-3.debian.tar.xz", 12_688, Fixtures.sha256("hello_2.10-3.debian.tar.xz"))),
                hello.files());
        assertEquals("pool/main/h/hello/hello_2.10-3.dsc", hello.archiveFiles().get(0).path());
        assertEquals("hello deb devel optional arch=any", hello.paragraph().field("Package-List").trim());
    }

    @Test
    public void foldedFieldsSurvive() throws IOException {
        SourceEntry zeroAd = read(SOURCES).get(1);
        assertEquals("0ad", zeroAd.packageName());
        assertEquals(59_393_024L, zeroAd.files().get(1).size());
        assertEquals("autoconf, cmake, debhelper-compat (= 13), dh-exec (>= 0.1), libboost-dev,\n"
                + "libboost-filesystem-dev, libcurl4-gnutls-dev | libcurl4-dev, libenet-dev (>= 1.3),\n"
                + "python3, rust-gdb, zlib1g-dev (>= 1:1.2.3)", zeroAd.paragraph().field("Build-Depends"));
    }

    @Test
    public void dscStyleSourceFieldNamesThePackage() throws IOException {
        String dsc = SOURCES.substring(0, SOURCES.indexOf("\n\n") + 1).replace("Package: hello", "Source: hello");
        assertEquals("hello", read(dsc).get(0).packageName());
    }

    @Test
    public void missingChecksums() throws IOException {
        String noSums = SOURCES.replace("Checksums-Sha256:", "Checksums-Sha1:");
        assertFails(noSums, 1, "paragraph has no Checksums-Sha256 field");
    }

    @Test
    public void malformedChecksumLine() throws IOException {
        String row = Fixtures.sha256("hello_2.10-3.dsc") + " 1183 hello_2.10-3.dsc";
        String noSize = Fixtures.sha256("hello_2.10-3.dsc") + " hello_2.10-3.dsc";
        assertFails(SOURCES.replace(row, noSize), 16, "Checksums-Sha256: '" + noSize.substring(0, 70));
        assertFails(SOURCES.replace(row, noSize), 16, "' (expected: <digest> <size> <path>)");
        assertFails(SOURCES.replace(row, row.replace("hello_", "../hello_")), 16, "contains a '..' segment");
    }

    private void assertFails(String text, int line, String problem) throws IOException {
        try {
            read(text);
            fail();
        } catch (ControlParseException e) {
            assertThat(e.getMessage(), containsString(problem));
            assertEquals(e.getMessage(), line, e.line());
        }
    }
}
