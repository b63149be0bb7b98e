package org.debswarm.rfc822;

import static org.hamcrest.CoreMatchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.fail;

import java.lang.annotation.Annotation;
import java.util.List;

import org.debswarm.rfc822.internal.ControlParserConfiguration;
import org.debswarm.rfc822.internal.DefaultControlParser;
import org.junit.Test;

/** Validation in the value types' constructors, ParserLimits, and the service's configuration. */
public class ValuesTest {

    private static final String SHA = "ab".repeat(32);

    @Test
    public void fileChecksumValidates() {
        assertEquals(SHA, new FileChecksum("main/x", 1, SHA.toUpperCase()).sha256());
        assertEquals("", new FileChecksum("", 1, SHA).path());
        assertInvalid(() -> new FileChecksum("/etc/passwd", 1, SHA), "expected: a non-empty relative path");
        assertInvalid(() -> new FileChecksum("a/../b", 1, SHA), "contains a '..' segment");
        assertInvalid(() -> new FileChecksum("..", 1, SHA), "contains a '..' segment");
        assertInvalid(() -> new FileChecksum("a b", 1, SHA), "contains a blank or control character");
        assertInvalid(() -> new FileChecksum("a", -1, SHA), "size -1 (expected: >= 0)");
        assertInvalid(() -> new FileChecksum("a", 1, "ab"), "has 2 characters (expected: 64 hexadecimal digits)");
        assertEquals("a/..b/c..", new FileChecksum("a/..b/c..", 1, SHA).path());
    }

    @Test
    public void fileHashValidates() {
        assertEquals("0a", new FileHash("x", 0, "MD5Sum", "0A").hex());
        assertInvalid(() -> new FileHash("x", 0, "MD5Sum", "abc"), "expected: an even, non-zero number");
        assertInvalid(() -> new FileHash("x", 0, "MD5Sum", "zz"), "is not hexadecimal");
    }

    @Test
    public void parserLimitsValidateAndCompare() {
        ParserLimits limits = ParserLimits.of(100, 1000, 10);
        assertEquals(100, limits.maxLineLength());
        assertEquals(1000, limits.maxParagraphBytes());
        assertEquals(10, limits.maxFields());
        assertEquals(limits, ParserLimits.of(100, 1000, 10));
        assertNotEquals(limits, limits.withMaxFields(11));
        assertEquals(2000, limits.withMaxLineLength(2000).maxParagraphBytes());
        assertEquals(80, limits.withMaxParagraphBytes(80).maxLineLength());
        assertInvalid(() -> ParserLimits.of(79, 1000, 10), "maxLineLength 79 (expected: >= 80)");
        assertInvalid(() -> ParserLimits.of(1000, 100, 10), "maxParagraphBytes 100 (expected: >= maxLineLength 1000)");
        assertInvalid(() -> ParserLimits.of(100, 1000, 0), "maxFields 0 (expected: >= 1)");
        assertEquals(ParserLimits.of(1 << 20, 8 << 20, 512), ParserLimits.DEFAULT);
    }

    @Test
    public void serviceTakesItsLimitsFromConfiguration() {
        DefaultControlParser parser = new DefaultControlParser(configuration(4096, 65536, 64));
        assertEquals(ParserLimits.of(4096, 65536, 64), parser.limits());
        assertEquals(ParserLimits.DEFAULT, new DefaultControlParser().limits());
        assertInvalid(() -> new DefaultControlParser(configuration(10, 65536, 64)), "maxLineLength 10");
    }

    @Test
    public void controlParseExceptionNamesTheLine() {
        ControlParseException e = new ControlParseException(7, "what went wrong");
        assertEquals("line 7: what went wrong", e.getMessage());
        assertEquals(7, e.line());
        assertEquals("what went wrong", e.problem());
    }

    @Test
    public void paragraphOfChecksItsSpans() {
        byte[] text = "A: 1\nB: 2".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Paragraph p = Paragraph.of(text, 0, text.length, new int[] {0, 1, 3, 4, 5, 6, 8, 9}, 2, 1);
        assertEquals(List.of("A", "B"), p.fieldNames());
        assertEquals("2", p.field("b"));
        assertInvalid(() -> Paragraph.of(text, 0, text.length, new int[] {0, 2, 3, 4}, 1, 1), "spans out of order");
        assertInvalid(() -> Paragraph.of(text, 0, text.length, new int[] {5, 6, 8, 9, 0, 1, 3, 4}, 2, 1),
                "spans out of order");
    }

    private static ControlParserConfiguration configuration(int line, int paragraph, int fields) {
        return new ControlParserConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ControlParserConfiguration.class;
            }

            @Override
            public int maxLineLength() {
                return line;
            }

            @Override
            public int maxParagraphBytes() {
                return paragraph;
            }

            @Override
            public int maxFields() {
                return fields;
            }
        };
    }

    private static void assertInvalid(Runnable action, String problem) {
        try {
            action.run();
            fail("accepted");
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage(), containsString(problem));
        }
    }
}
