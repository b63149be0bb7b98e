package org.debswarm.rfc822;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One paragraph (stanza) of a control file: an ordered set of fields, looked up by name without
 * regard to ASCII case (<a href="https://manpages.debian.org/bookworm/dpkg-dev/deb822.5.en.html">deb822(5)</a>).
 * Immutable and thread-safe.
 *
 * <p>Values are kept as the bytes that were read and decoded on first use: UTF-8, as Debian Policy 5.1
 * requires, falling back to ISO-8859-1 for the odd old file that is not valid UTF-8. A multi-line
 * value is its first line, then for each continuation line {@code "\n"} and the line without its
 * first (space or tab) character; {@code " ."} lines therefore come out as {@code "."}, and hash
 * lists that start on the line after the field name begin with {@code "\n"}. Leading blanks of the
 * first line and trailing blanks of every line are dropped; comment lines ({@code #} in column 0)
 * are skipped.
 */
public final class Paragraph {

    private final byte[] text;
    private final int[] spans;
    private final int firstLine;
    // Decoded values, filled on demand. A race only decodes twice: Strings are safely published.
    private String[] values;

    private Paragraph(byte[] text, int[] spans, int firstLine) {
        this.text = text;
        this.spans = spans;
        this.firstLine = firstLine;
    }

    /**
     * Builds a paragraph over text already split into fields by a scanner; used by parser
     * implementations. The text and spans are copied.
     *
     * @param buffer     holds the paragraph text in deb822 syntax
     * @param offset     where the paragraph starts in {@code buffer}
     * @param length     the paragraph's length in bytes
     * @param spans      four offsets per field, relative to {@code offset}: name start, name end (the
     *                   colon), value start, value end (exclusive; may span continuation lines)
     * @param fieldCount the number of fields described by {@code spans}
     * @param firstLine  1-based line number of the paragraph's first line in its file
     * @throws IllegalArgumentException if a span is out of order or a field name is not a deb822 name
     */
    public static Paragraph of(byte[] buffer, int offset, int length, int[] spans, int fieldCount,
            int firstLine) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        Objects.checkFromIndexSize(0, fieldCount * 4, spans.length);
        byte[] text = Arrays.copyOfRange(buffer, offset, offset + length);
        int[] copy = Arrays.copyOf(spans, fieldCount * 4);
        checkSpans(text, copy);
        return new Paragraph(text, copy, firstLine);
    }

    private static void checkSpans(byte[] text, int[] spans) {
        int previousEnd = 0;
        for (int i = 0; i < spans.length; i += 4) {
            int nameStart = spans[i], nameEnd = spans[i + 1], valueStart = spans[i + 2], valueEnd = spans[i + 3];
            if (nameStart < previousEnd || nameEnd <= nameStart || valueStart <= nameEnd
                    || valueEnd < valueStart || valueEnd > text.length || text[nameEnd] != ':') {
                throw new IllegalArgumentException("field " + i / 4 + ": spans out of order");
            }
            for (int k = nameStart; k < nameEnd; k++) {
                if (text[k] < 0x21 || text[k] > 0x7e || text[k] == ':') {
                    throw new IllegalArgumentException("field " + i / 4 + ": not a deb822 field name");
                }
            }
            previousEnd = valueEnd;
        }
    }

    /**
     * The value of a field, or {@code null} if the paragraph has no such field.
     *
     * @param name field name, matched without regard to ASCII case
     */
    public String field(String name) {
        int index = indexOf(name);
        return index < 0 ? null : value(index);
    }

    /** Whether the paragraph has the field (ASCII case ignored). */
    public boolean has(String name) {
        return indexOf(name) >= 0;
    }

    /** The field names in the order and case of the file. */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>(size());
        for (int i = 0; i < spans.length; i += 4) {
            names.add(new String(text, spans[i], spans[i + 1] - spans[i], StandardCharsets.ISO_8859_1));
        }
        return Collections.unmodifiableList(names);
    }

    /** The number of fields. */
    public int size() {
        return spans.length / 4;
    }

    /** The 1-based line number of the paragraph's first field in its file. */
    public int firstLine() {
        return firstLine;
    }

    /** The 1-based line number where a field starts, or -1 if the paragraph has no such field. */
    public int line(String name) {
        int index = indexOf(name);
        if (index < 0) {
            return -1;
        }
        int line = firstLine;
        for (int k = 0, end = spans[index * 4]; k < end; k++) {
            if (text[k] == '\n') {
                line++;
            }
        }
        return line;
    }

    /** A copy of the paragraph's text as read (CRs and comment lines included, no final newline). */
    public byte[] bytes() {
        return text.clone();
    }

    private int indexOf(String name) {
        int length = name.length();
        for (int i = 0; i < spans.length; i += 4) {
            if (spans[i + 1] - spans[i] == length && sameName(spans[i], name)) {
                return i / 4;
            }
        }
        return -1;
    }

    private boolean sameName(int start, String name) {
        for (int k = 0; k < name.length(); k++) {
            int a = text[start + k], b = name.charAt(k);
            if (a != b && (b > 0x7f || toLower(a) != toLower(b))) {
                return false;
            }
        }
        return true;
    }

    private static int toLower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }

    private String value(int index) {
        String[] cache = values;
        if (cache == null) {
            cache = new String[size()];
            values = cache;
        }
        String value = cache[index];
        if (value == null) {
            value = Unfolding.value(text, spans[index * 4 + 2], spans[index * 4 + 3]);
            cache[index] = value;
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Paragraph && Arrays.equals(text, ((Paragraph) o).text);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(text);
    }

    /** The paragraph's text, decoded. */
    @Override
    public String toString() {
        return Unfolding.decode(text, 0, text.length);
    }
}
