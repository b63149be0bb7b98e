package org.debswarm.rfc822;

import static org.hamcrest.CoreMatchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.debswarm.rfc822.internal.DefaultControlParser;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/** Invalid, truncated and oversized input: a ControlParseException naming the line, never a hang. */
@RunWith(Parameterized.class)
public class MalformedInputTest {

    @Parameters(name = "{0}")
    public static List<Object[]> feeds() {
        return Feed.both();
    }

    private final Feed feed;
    private final ControlParser parser = new DefaultControlParser();

    public MalformedInputTest(Feed feed) {
        this.feed = feed;
    }

    private ControlParseException failure(InputStream in, ParserLimits limits) throws IOException {
        try (ParagraphReader reader = parser.paragraphs(in, limits)) {
            while (reader.next() != null) {
                // keep reading until the error
            }
        } catch (ControlParseException expected) {
            return expected;
        }
        fail("no ControlParseException");
        return null;
    }

    private ControlParseException failure(String text) throws IOException {
        return failure(feed.of(text), ParserLimits.DEFAULT);
    }

    private static void assertProblem(ControlParseException e, int line, String problem) {
        assertEquals(e.getMessage(), line, e.line());
        assertThat(e.getMessage(), containsString(problem));
        assertTrue(e.getMessage().startsWith("line " + line + ": "));
    }

    @Test
    public void continuationLineBeforeAnyField() throws IOException {
        assertProblem(failure(" orphan\nPackage: a\n"), 1, "continuation line before any field");
        assertProblem(failure("Package: a\n\n# comment\n orphan\n"), 4, "continuation line before any field");
    }

    @Test
    public void lineWithoutColon() throws IOException {
        assertProblem(failure("Package: a\nVersion 1\n"), 2, "no ':' after the field name in 'Version 1'");
    }

    @Test
    public void truncatedInTheMiddleOfAFieldName() throws IOException {
        assertProblem(failure("Package: a\nVersion: 1\nFilen"), 3, "no ':'");
    }

    @Test
    public void emptyFieldName() throws IOException {
        assertProblem(failure("Package: a\n: value\n"), 2, "empty field name");
    }

    @Test
    public void blankOrControlByteInFieldName() throws IOException {
        assertProblem(failure("Package: a\nPre Depends: b\n"), 2, "byte 0x20 in field name");
        assertProblem(failure("Package: a\nDe\u0001pends: b\n"), 2, "byte 0x01 in field name");
        assertProblem(failure("Paquét: a\n"), 1, "byte 0xc3 in field name");
    }

    @Test
    public void fieldNameStartingWithDash() throws IOException {
        assertProblem(failure("-Package: a\n"), 1, "field name starts with '-'");
    }

    @Test
    public void clearsignedInputGivenToTheParagraphReader() throws IOException {
        assertProblem(failure("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\nOrigin: x\n"), 1,
                "read InRelease with ControlParser.clearSigned");
    }

    @Test
    public void duplicateFieldIgnoringCase() throws IOException {
        assertProblem(failure("Package: a\nSHA256: 00\nsha256: 11\n"), 3, "duplicate field 'sha256' (first at line 2)");
    }

    @Test
    public void tenMegabyteLineFailsFastWithBoundedMemory() throws IOException {
        CountingStream in = new CountingStream("Package: a\nDepends: ", 10L << 20, "x");
        ControlParseException e = failure(feed.wrap(in), ParserLimits.DEFAULT);
        assertProblem(e, 2, "line longer than 1048576 bytes (expected: <= 1048576, ParserLimits.maxLineLength)");
        assertTrue("read " + in.count + " bytes", in.count < (1 << 20) + (1 << 18));
    }

    @Test
    public void endlessLineFailsInsteadOfHanging() throws IOException {
        CountingStream in = new CountingStream("", Long.MAX_VALUE, "y");
        ControlParseException e = failure(feed.wrap(in), ParserLimits.DEFAULT.withMaxLineLength(4096));
        assertProblem(e, 1, "line longer than 4096 bytes");
        assertTrue("read " + in.count + " bytes", in.count < 4096 + (1 << 18));
    }

    @Test
    public void endlessContinuationLinesHitTheParagraphLimit() throws IOException {
        CountingStream in = new CountingStream("Package: a\nDescription: d\n", Long.MAX_VALUE, " z\n");
        ParserLimits limits = ParserLimits.of(1000, 100_000, 50);
        ControlParseException e = failure(feed.wrap(in), limits);
        assertThat(e.getMessage(), containsString("paragraph starting at line 1 is longer than 100000 bytes"
                + " (expected: <= 100000, ParserLimits.maxParagraphBytes)"));
        assertTrue("read " + in.count + " bytes", in.count < 100_000 + (1 << 18));
    }

    @Test
    public void tooManyFields() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            text.append("F").append(i).append(": v\n");
        }
        ControlParseException e = failure(feed.of(text.toString()), ParserLimits.DEFAULT.withMaxFields(10));
        assertProblem(e, 11, "has more than 10 fields (expected: <= 10, ParserLimits.maxFields)");
    }

    @Test
    public void limitsApplyPerParagraph() throws IOException {
        String text = "A: 1\nB: 2\n\nA: 1\nB: 2\n\nA: 1\nB: 2\n";
        try (ParagraphReader reader = parser.paragraphs(feed.of(text), ParserLimits.DEFAULT.withMaxFields(2))) {
            for (int i = 0; i < 3; i++) {
                assertEquals("2", reader.next().field("b"));
            }
        }
    }

    /** A prefix, then {@code length} bytes cycling through a pattern, generated without being stored. */
    static final class CountingStream extends InputStream {
        private final byte[] prefix;
        private final long length;
        private final byte[] pattern;
        long count;

        CountingStream(String prefix, long length, String pattern) {
            this.prefix = prefix.getBytes(StandardCharsets.US_ASCII);
            this.length = length;
            this.pattern = pattern.getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public int read() {
            if (count - prefix.length >= length) {
                return -1;
            }
            long at = count++;
            return at < prefix.length ? prefix[(int) at] : pattern[(int) ((at - prefix.length) % pattern.length)];
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = 0;
            for (int c; n < len && (c = read()) >= 0; n++) {
                b[off + n] = (byte) c;
            }
            return n == 0 && len > 0 ? -1 : n;
        }
    }
}
