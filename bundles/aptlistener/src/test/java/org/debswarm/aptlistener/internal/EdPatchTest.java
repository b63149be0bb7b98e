package org.debswarm.aptlistener.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Test;

/**
 * The rred-compatible applier: real {@code diff --ed} patches between generated Packages versions, then
 * hand-written patches split by kind of input (correct, truncated, invalid, out of order, oversized), each
 * also fed one byte per read.
 */
public class EdPatchTest {

    private static final Path FIXTURES = Path.of("src/test/resources/pdiff");

    @Test
    public void realDiffEdPatchesGiveTheNewVersionByteForByte() throws IOException {
        assertArrayEquals(read("Packages-2"), apply(read("1-2.ed"), read("Packages-1")));
        assertArrayEquals(read("Packages-3"), apply(read("2-3.ed"), read("Packages-2")));
        assertArrayEquals("a merged patch (T-3-F-1) goes straight to the newest", read("Packages-3"),
                apply(read("1-3.ed"), read("Packages-1")));
    }

    @Test
    public void realPatchesFedOneBytePerRead() throws IOException {
        EdPatch patch = EdPatch.parse(new OneByte(read("1-2.ed")), 1 << 20);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        patch.apply(new OneByte(read("Packages-1")), out);
        assertArrayEquals(read("Packages-2"), out.toByteArray());
    }

    @Test
    public void eachCommandKind() throws IOException {
        String in = "1\n2\n3\n4\n5\n";
        assertEquals("0\n1\n2\n3\n4\n5\n6\n", apply("5a\n6\n.\n0a\n0\n.\n", in));
        assertEquals("1\nB\nC\n4\n5\n", apply("2,3c\nB\nC\n.\n", in));
        assertEquals("1\n5\n", apply("2,4d\n", in));
        assertEquals("1\n2\nx\n4\n", apply("5d\n3c\nx\n.\n", in));
        assertEquals("an empty patch changes nothing", in, apply("", in));
        assertEquals("a text line of dots other than '.' is text", "1\n..\n2\n3\n4\n5\n", apply("1a\n..\n.\n", in));
    }

    @Test
    public void aLastLineWithoutNewlineIsALine() throws IOException {
        String in = "1\n2";
        assertEquals("1\n2\nx\n", apply("2a\nx\n.\n", in));
        assertEquals("1\nx\n2", apply("1a\nx\n.\n", in));
        assertEquals("1\ny\n", apply("2c\ny\n.\n", in));
        assertEquals("1\n", apply("2d\n", in));
        assertEquals("1\n2", apply("", in));
        IOException e = assertThrows(EdPatch.PatchException.class, () -> apply("3d\n", in));
        assertTrue(e.getMessage(), e.getMessage().contains("only 2 lines"));
    }

    @Test
    public void inputLinesLongerThanTheBufferPassWhole() throws IOException {
        String longLine = "x".repeat(200_000) + "\n";
        String in = "1\n" + longLine + "3\n" + longLine;
        assertEquals("1\n" + longLine + "three\n" + longLine, apply("3c\nthree\n.\n", in));
        assertEquals("1\n3\n", apply("4d\n2d\n", in));
    }

    @Test
    public void truncatedPatchesAreRefused() {
        assertRefused("5a\n6\n", "has no '.' line");
        assertRefused("5a\n", "has no '.' line");
        assertRefused("5a\n6", "truncated");
        assertRefused("2c\nx\n.\n1", "not an a, c or d command");
    }

    @Test
    public void invalidPatchesAreRefused() {
        assertRefused("s/.//\n", "not an a, c or d command");
        assertRefused("w\n", "not an a, c or d command");
        assertRefused("\n", "empty line");
        assertRefused("0d\n", "bad range");
        assertRefused("3,2d\n", "bad range");
        assertRefused("1,2a\nx\n.\n", "one line number");
        assertRefused("x3d\n", "not a line number");
        assertRefused("1234567890123d\n", "not a line number");
        assertRefused(",3d\n", "not a line number");
    }

    @Test
    public void outOfOrderOrOverlappingCommandsAreRefused() {
        assertRefused("1d\n3d\n", "strictly descending");
        assertRefused("3d\n3d\n", "strictly descending");
        assertRefused("2,4d\n3c\nx\n.\n", "strictly descending");
        assertRefused("3a\nx\n.\n3a\ny\n.\n", "strictly descending");
        assertRefused("3d\n3a\nx\n.\n", "strictly descending");
    }

    @Test
    public void aPatchBeyondTheInputFailsWhenApplied() throws IOException {
        EdPatch patch = EdPatch.parse(stream("9d\n"), 1 << 20);
        IOException e = assertThrows(EdPatch.PatchException.class,
                () -> patch.apply(stream("1\n2\n"), new ByteArrayOutputStream()));
        assertTrue(e.getMessage(), e.getMessage().contains("only 2 lines"));
        assertThrows(EdPatch.PatchException.class,
                () -> EdPatch.parse(stream("5a\nx\n.\n"), 1 << 20).apply(stream("1\n"), new ByteArrayOutputStream()));
    }

    @Test
    public void oversizedPatchesAndLinesAreRefused() {
        IOException big = assertThrows(EdPatch.PatchException.class,
                () -> EdPatch.parse(stream("1a\n" + "x\n".repeat(1000) + ".\n"), 100));
        assertTrue(big.getMessage(), big.getMessage().contains("larger than 100 bytes"));
        byte[] longLine = new byte[LineInput.MAX_LINE + 10];
        java.util.Arrays.fill(longLine, (byte) 'x');
        IOException line = assertThrows(EdPatch.PatchException.class, () -> EdPatch.parse(
                new java.io.SequenceInputStream(stream("1a\n"), new ByteArrayInputStream(longLine)), Long.MAX_VALUE));
        assertTrue(line.getMessage(), line.getMessage().contains("longer than"));
    }

    private static void assertRefused(String patch, String expected) {
        for (boolean oneByte : new boolean[] {false, true}) {
            byte[] bytes = patch.getBytes(StandardCharsets.UTF_8);
            IOException e = assertThrows(patch, EdPatch.PatchException.class,
                    () -> EdPatch.parse(oneByte ? new OneByte(bytes) : new ByteArrayInputStream(bytes), 1 << 20));
            assertTrue(e.getMessage(), e.getMessage().contains(expected));
        }
    }

    private static String apply(String patch, String in) throws IOException {
        return new String(apply(patch.getBytes(StandardCharsets.UTF_8), in.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
    }

    private static byte[] apply(byte[] patch, byte[] in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        EdPatch.parse(new ByteArrayInputStream(patch), 1 << 20).apply(new ByteArrayInputStream(in), out);
        return out.toByteArray();
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] read(String name) throws IOException {
        return Files.readAllBytes(FIXTURES.resolve(name));
    }

    /** Returns one byte per read, as a slow network would. */
    static final class OneByte extends InputStream {
        private final byte[] bytes;
        private int position;

        OneByte(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int c = read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }
    }
}
