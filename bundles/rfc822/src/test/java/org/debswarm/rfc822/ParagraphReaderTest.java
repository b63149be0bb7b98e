package org.debswarm.rfc822;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.debswarm.rfc822.internal.DefaultControlParser;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/** Well-formed input, including the lenient corners deb822(5) allows: fed whole and byte by byte. */
@RunWith(Parameterized.class)
public class ParagraphReaderTest {

    @Parameters(name = "{0}")
    public static List<Object[]> feeds() {
        return Feed.both();
    }

    private final Feed feed;
    private final ControlParser parser = new DefaultControlParser();

    public ParagraphReaderTest(Feed feed) {
        this.feed = feed;
    }

    private List<Paragraph> read(InputStream in) throws IOException {
        List<Paragraph> all = new ArrayList<>();
        try (ParagraphReader reader = parser.paragraphs(in)) {
            for (Paragraph p = reader.next(); p != null; p = reader.next()) {
                all.add(p);
            }
            assertNull("stays at the end", reader.next());
        }
        return all;
    }

    private List<Paragraph> read(String text) throws IOException {
        return read(feed.of(text));
    }

    @Test
    public void splitsParagraphsAndKeepsFieldOrderAndCase() throws IOException {
        List<Paragraph> all = read("Package: a\nVersion: 1\n\nPackage: b\nmulti-ARCH: same\nVersion: 2\n");
        assertEquals(2, all.size());
        assertEquals(List.of("Package", "Version"), all.get(0).fieldNames());
        assertEquals(List.of("Package", "multi-ARCH", "Version"), all.get(1).fieldNames());
        assertEquals("b", all.get(1).field("Package"));
        assertEquals(1, all.get(0).firstLine());
        assertEquals(4, all.get(1).firstLine());
        assertEquals(3, all.get(1).size());
    }

    @Test
    public void looksUpNamesWithoutRegardToCase() throws IOException {
        Paragraph p = read("SHA256: abc\nMulti-Arch: foreign\n").get(0);
        assertEquals("abc", p.field("sha256"));
        assertEquals("foreign", p.field("MULTI-ARCH"));
        assertTrue(p.has("multi-arch"));
        assertFalse(p.has("Multi-Arc"));
        assertNull(p.field("Depends"));
        assertEquals(2, p.line("multi-arch"));
        assertEquals(-1, p.line("Depends"));
    }

    @Test
    public void trimsBlanksAroundSingleLineValuesAndKeepsColonsInside() throws IOException {
        Paragraph p = read("Homepage:   https://example.org:8080/x  \t\nEmpty:\nBlank:   \n").get(0);
        assertEquals("https://example.org:8080/x", p.field("Homepage"));
        assertEquals("", p.field("Empty"));
        assertEquals("", p.field("Blank"));
    }

    @Test
    public void joinsContinuationLinesKeepingDotLinesAndIndentation() throws IOException {
        String text = "Package: a\n"
                + "Description: short summary\n"
                + " First paragraph of the long description.\n"
                + " .\n"
                + "   indented verbatim line\n"
                + "\tafter a tab\n"
                + "Size: 1\n";
        Paragraph p = read(text).get(0);
        assertEquals("short summary\nFirst paragraph of the long description.\n.\n  indented verbatim line\n"
                + "after a tab", p.field("description"));
        assertEquals("1", p.field("Size"));
    }

    @Test
    public void hashListsStartingOnTheNextLineBeginWithANewline() throws IOException {
        Paragraph p = read("SHA256:\n 0a 12 main/x\n 0b   345 main/y\n").get(0);
        assertEquals("\n0a 12 main/x\n0b   345 main/y", p.field("SHA256"));
    }

    @Test
    public void skipsCommentLinesEverywhere() throws IOException {
        String text = "# leading comment\n\n# another\nPackage: a\n# between fields\nDescription: x\n"
                + " one\n# inside a value\n two\n#trailing\n\n# only comments\n\n";
        List<Paragraph> all = read(text);
        assertEquals(1, all.size());
        assertEquals(List.of("Package", "Description"), all.get(0).fieldNames());
        assertEquals("x\none\ntwo", all.get(0).field("Description"));
        assertEquals(4, all.get(0).firstLine());
    }

    @Test
    public void acceptsCrLfAndStripsTheCr() throws IOException {
        List<Paragraph> all = read("Package: a\r\nDescription: x\r\n one\r\n .\r\n\r\nPackage: b\r\n");
        assertEquals(2, all.size());
        assertEquals("a", all.get(0).field("Package"));
        assertEquals("x\none\n.", all.get(0).field("Description"));
        assertEquals("b", all.get(1).field("Package"));
    }

    @Test
    public void acceptsAMissingTrailingNewline() throws IOException {
        List<Paragraph> all = read("Package: a\n\nPackage: b\nDescription: x\n last");
        assertEquals(2, all.size());
        assertEquals("x\nlast", all.get(1).field("Description"));
    }

    @Test
    public void acceptsRunsOfEmptyAndBlankOnlyLinesAsSeparators() throws IOException {
        List<Paragraph> all = read("\n\n  \nPackage: a\n \t \nPackage: b\n\n\n\nPackage: c\n\n\n");
        assertEquals(3, all.size());
        assertEquals("c", all.get(2).field("Package"));
        assertEquals(10, all.get(2).firstLine());
    }

    @Test
    public void emptyInputHasNoParagraphs() throws IOException {
        assertEquals(0, read("").size());
        assertEquals(0, read("\n\n# comment only\n \n").size());
    }

    @Test
    public void decodesUtf8AndFallsBackToLatin1() throws IOException {
        byte[] utf8 = "Maintainer: Jérôme Ŋ <j@example.org>\n".getBytes(UTF_8);
        assertEquals("Jérôme Ŋ <j@example.org>", read(feed.of(utf8)).get(0).field("Maintainer"));
        byte[] latin1 = "Maintainer: Jérôme\n".getBytes(ISO_8859_1);
        assertEquals("Jérôme", read(feed.of(latin1)).get(0).field("Maintainer"));
    }

    @Test
    public void keepsTheRawTextOfTheParagraph() throws IOException {
        Paragraph p = read("\n\nPackage: a\nVersion: 1\n\n").get(0);
        assertArrayEquals("Package: a\nVersion: 1".getBytes(UTF_8), p.bytes());
        assertEquals("Package: a\nVersion: 1", p.toString());
        assertEquals(p, read("Package: a\nVersion: 1").get(0));
    }

    @Test
    public void acceptsEveryPrintableAsciiNameCharacter() throws IOException {
        Paragraph p = read("X-Odd!\"$%&'()*+,./09;<=>?@[\\]^_`{|}~: v\n").get(0);
        assertEquals("v", p.field("x-odd!\"$%&'()*+,./09;<=>?@[\\]^_`{|}~"));
    }

    @Test
    public void readsManyLargeParagraphsAcrossBufferRefills() throws IOException {
        StringBuilder text = new StringBuilder();
        String filler = "x".repeat(5000);
        for (int i = 0; i < 200; i++) {
            text.append("Package: p").append(i).append("\nDescription: d\n");
            for (int k = 0; k < 10; k++) {
                text.append(' ').append(filler).append('\n');
            }
            text.append("Index: ").append(i).append("\n\n");
        }
        List<Paragraph> all = read(text.toString());
        assertEquals(200, all.size());
        for (int i = 0; i < 200; i++) {
            assertEquals("p" + i, all.get(i).field("Package"));
            assertEquals(String.valueOf(i), all.get(i).field("Index"));
            assertEquals(2 + 10 * 5001 - 1, all.get(i).field("Description").length());
        }
    }
}
