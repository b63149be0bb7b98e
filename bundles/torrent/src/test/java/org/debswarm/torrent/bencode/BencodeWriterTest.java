package org.debswarm.torrent.bencode;

import static org.debswarm.torrent.bencode.Feed.bytes;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.Test;

/** The streaming writer: output bytes, and misuse caught as it happens. */
public class BencodeWriterTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final BencodeWriter writer = new BencodeWriter(out);

    @Test
    public void writesCanonicalBytes() throws IOException {
        writer.beginDictionary().string("files").beginList()
                .beginDictionary().string("length").integer(3).string("path").string("a/b").end()
                .end().string("name").string("x").end();
        assertArrayEquals(bytes("d5:filesld6:lengthi3e4:path3:a/bee4:name1:xe"), out.toByteArray());
    }

    @Test
    public void unsortedKey() throws IOException {
        writer.beginDictionary().string("b").integer(1);
        assertEquals("dictionary key \"a\" after \"b\" (expected: keys sorted by raw bytes, without duplicates)",
                misuse(() -> writer.string("a")));
    }

    @Test
    public void duplicateKey() throws IOException {
        writer.beginDictionary().string("b").integer(1);
        assertEquals("dictionary key \"b\" after \"b\" (expected: keys sorted by raw bytes, without duplicates)",
                misuse(() -> writer.string("b")));
    }

    @Test
    public void nonStringKey() throws IOException {
        writer.beginDictionary();
        assertEquals("an integer where a dictionary key is expected (expected: a string)",
                misuse(() -> writer.integer(1)));
        assertEquals("a list where a dictionary key is expected (expected: a string)",
                misuse(() -> writer.beginList()));
    }

    @Test
    public void keyWithoutValue() throws IOException {
        writer.beginDictionary().string("a");
        assertEquals("dictionary key \"a\" without a value", misuse(writer::end));
    }

    @Test
    public void endWithoutBegin() {
        assertEquals("end() without an open list or dictionary", misuse(writer::end));
    }

    interface Action {
        void run() throws IOException;
    }

    private static String misuse(Action action) {
        try {
            action.run();
            fail("expected IllegalStateException");
        } catch (IllegalStateException e) {
            return e.getMessage();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return null;
    }
}
