package org.debswarm.rfc822;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.CoreMatchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.util.List;

import org.debswarm.rfc822.internal.DefaultControlParser;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/** pdiff Index files, from a fixture in dak's merged-patches layout (digests synthetic). */
@RunWith(Parameterized.class)
public class DiffIndexTest {

    private static final String INDEX = new String(Fixtures.resource("Index"), UTF_8);
    private static final String MERGED = "T-2025-11-20-0204.51-F-2025-11-19-0203.09";

    @Parameters(name = "{0}")
    public static List<Object[]> feeds() {
        return Feed.both();
    }

    private final Feed feed;
    private final ControlParser parser = new DefaultControlParser();

    public DiffIndexTest(Feed feed) {
        this.feed = feed;
    }

    @Test
    public void readsCurrentAndTheThreeListsOfBothKinds() throws IOException {
        DiffIndex index = parser.diffIndex(feed.of(INDEX));
        assertEquals(new FileChecksum("", 50_060_337L,
                "515e692f2c4121c6fcec444ef100cc18f79a991910615f3a88c8b7becfc94d2f"), index.current());
        assertEquals(3, index.history().size());
        assertEquals(new FileChecksum(MERGED, 50_031_517L, Fixtures.sha256("hist" + MERGED)), index.history().get(0));
        assertEquals(new FileChecksum(MERGED, 5312, Fixtures.sha256("patch" + MERGED)), index.patches().get(0));
        assertEquals(new FileChecksum(MERGED + ".gz", 1423, Fixtures.sha256("dl" + MERGED)), index.download().get(0));
        assertEquals("2025-11-19-1407.36", index.unmergedHistory().get(1).path());
        assertEquals(2406, index.unmergedPatches().get(1).size());
        assertEquals("2025-11-20-0204.51.gz", index.unmergedDownload().get(2).path());
        assertEquals("merged", index.patchPrecedence());
        assertTrue(index.paragraph().has("X-DAK-Older-Patches"));
    }

    @Test
    public void listsMayBeAbsent() throws IOException {
        DiffIndex index = parser.diffIndex(feed.of("SHA256-Current: " + "ab".repeat(32) + " 10\n"));
        assertEquals(10, index.current().size());
        assertTrue(index.history().isEmpty());
        assertTrue(index.unmergedDownload().isEmpty());
    }

    @Test
    public void currentIsRequired() throws IOException {
        assertFails(INDEX.replace("SHA256-Current", "SHA1-Current"), 1, "paragraph has no SHA256-Current field");
        assertFails(INDEX.replace(" 50060337\n", "\n"), 1, "SHA256-Current: '515e692f");
    }

    @Test
    public void malformedEntry() throws IOException {
        assertFails(INDEX.replace("     5312 ", "     53x2 "), 7, "SHA256-Patches: size '53x2'");
    }

    @Test
    public void exactlyOneParagraph() throws IOException {
        assertFails(INDEX + "\nSHA256-Current: x 1\n", 29,
                "a second paragraph (expected: a pdiff Index file has exactly one)");
        assertFails("\n\n# nothing\n", 3, "no paragraph: an empty pdiff Index file");
    }

    private void assertFails(String text, int line, String problem) throws IOException {
        try {
            parser.diffIndex(feed.of(text));
            fail();
        } catch (ControlParseException e) {
            assertThat(e.getMessage(), containsString(problem));
            assertEquals(e.getMessage(), line, e.line());
        }
    }
}
