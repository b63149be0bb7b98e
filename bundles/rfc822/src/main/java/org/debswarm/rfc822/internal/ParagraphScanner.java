package org.debswarm.rfc822.internal;

import java.io.IOException;
import java.util.Arrays;

import org.debswarm.rfc822.ControlParseException;
import org.debswarm.rfc822.ParserLimits;

/**
 * Splits a stream into paragraphs and each paragraph into fields (deb822(5)) without decoding
 * anything: after {@link #next()} the paragraph lies in {@link #buffer()} from {@link #offset()} for
 * {@link #length()} bytes, and {@link #spans()} holds four offsets per field, relative to
 * {@link #offset()}: name start, name end (the colon), value start, value end.
 *
 * <p>Empty lines and lines of blanks separate paragraphs (deb822(5) lets parsers accept the latter);
 * lines starting with {@code #} are comments and never end a field.
 */
final class ParagraphScanner {

    private final LineBuffer lines;
    private final ParserLimits limits;
    private int[] spans = new int[32 * 4];
    private int[] hashes = new int[32];
    private int[] fieldLines = new int[32];
    private int count;
    private int firstLine;
    private int length;

    ParagraphScanner(LineBuffer lines, ParserLimits limits) {
        this.lines = lines;
        this.limits = limits;
    }

    private enum Line { SEPARATOR, COMMENT, CONTINUATION, FIELD }

    /** Advances to the next paragraph; false at the end of the input. */
    boolean next() throws IOException {
        lines.unpin();
        count = 0;
        boolean open = false;
        while (lines.next()) {
            Line kind = classify(lines.buffer(), lines.start(), lines.end());
            if (kind == Line.SEPARATOR && open) {
                return true;
            }
            if (kind == Line.SEPARATOR || kind == Line.COMMENT && !open) {
                continue;
            }
            if (!open) {
                lines.pin();
                firstLine = lines.number();
                open = true;
            }
            if (kind == Line.CONTINUATION) {
                continuation(lines.buffer(), lines.start(), lines.end());
            } else if (kind == Line.FIELD) {
                field(lines.buffer(), lines.start(), lines.end());
            }
            checkSize(lines.end());
        }
        return open;
    }

    private static Line classify(byte[] b, int s, int e) {
        if (s == e) {
            return Line.SEPARATOR;
        }
        if (b[s] == ' ' || b[s] == '\t') {
            return skipBlanks(b, s, e) == e ? Line.SEPARATOR : Line.CONTINUATION;
        }
        return b[s] == '#' ? Line.COMMENT : Line.FIELD;
    }

    private void checkSize(int lineEnd) throws ControlParseException {
        int size = lineEnd - lines.pinned();
        if (size > limits.maxParagraphBytes()) {
            throw new ControlParseException(lines.number(), "paragraph starting at line " + firstLine
                    + " is longer than " + limits.maxParagraphBytes() + " bytes (expected: <= "
                    + limits.maxParagraphBytes() + ", ParserLimits.maxParagraphBytes)");
        }
        length = size;
    }

    private void continuation(byte[] b, int s, int e) throws ControlParseException {
        if (count == 0) {
            throw new ControlParseException(lines.number(), "continuation line before any field");
        }
        spans[count * 4 - 1] = Ascii.trimEnd(b, s, e) - lines.pinned();
    }

    private void field(byte[] b, int s, int e) throws ControlParseException {
        if (b[s] == '-') {
            throw new ControlParseException(lines.number(), Ascii.startsWith(b, s, e, "-----BEGIN PGP")
                    ? "OpenPGP armor where a field was expected (read InRelease with ControlParser.clearSigned)"
                    : "field name starts with '-' in '" + Ascii.preview(b, s, e) + "'");
        }
        int colon = Ascii.indexOf(b, s, e, ':');
        if (colon < 0) {
            throw new ControlParseException(lines.number(), "no ':' after the field name in '"
                    + Ascii.preview(b, s, e) + "'");
        }
        if (colon == s) {
            throw new ControlParseException(lines.number(), "empty field name");
        }
        int hash = 0;
        for (int i = s; i < colon; i++) {
            int c = b[i];
            if (c < 0x21 || c > 0x7e) {
                throw new ControlParseException(lines.number(), String.format(
                        "byte 0x%02x in field name (expected: printable ASCII, no blanks) in '%s'",
                        c & 0xff, Ascii.preview(b, s, e)));
            }
            hash = 31 * hash + (c | 0x20);
        }
        checkDuplicate(b, s, colon, hash);
        record(s, colon, skipBlanks(b, colon + 1, e), Ascii.trimEnd(b, colon + 1, e), hash);
    }

    private void checkDuplicate(byte[] b, int s, int colon, int hash) throws ControlParseException {
        int base = lines.pinned();
        for (int i = 0; i < count; i++) {
            if (hashes[i] == hash && Ascii.equalsIgnoreCase(b, s, colon, b, base + spans[i * 4],
                    base + spans[i * 4 + 1])) {
                throw new ControlParseException(lines.number(), "duplicate field '"
                        + Ascii.preview(b, s, colon) + "' (first at line " + fieldLines[i] + ")");
            }
        }
        if (count == limits.maxFields()) {
            throw new ControlParseException(lines.number(), "paragraph starting at line " + firstLine
                    + " has more than " + limits.maxFields() + " fields (expected: <= " + limits.maxFields()
                    + ", ParserLimits.maxFields)");
        }
    }

    private void record(int nameStart, int colon, int valueStart, int valueEnd, int hash) {
        if (count == hashes.length) {
            spans = Arrays.copyOf(spans, count * 8);
            hashes = Arrays.copyOf(hashes, count * 2);
            fieldLines = Arrays.copyOf(fieldLines, count * 2);
        }
        int base = lines.pinned();
        int at = count * 4;
        spans[at] = nameStart - base;
        spans[at + 1] = colon - base;
        spans[at + 2] = valueStart - base;
        spans[at + 3] = Math.max(valueStart, valueEnd) - base;
        hashes[count] = hash;
        fieldLines[count] = lines.number();
        count++;
    }

    private static int skipBlanks(byte[] b, int from, int to) {
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        return from;
    }

    byte[] buffer() {
        return lines.buffer();
    }

    int offset() {
        return lines.pinned();
    }

    int length() {
        return length;
    }

    int[] spans() {
        return spans;
    }

    int fieldCount() {
        return count;
    }

    int firstLine() {
        return firstLine;
    }

    /** Line on which field {@code index} of the current paragraph starts. */
    int fieldLine(int index) {
        return fieldLines[index];
    }

    /** Number of the last line read. */
    int lineNumber() {
        return lines.number();
    }

    void close() throws IOException {
        lines.close();
    }
}
