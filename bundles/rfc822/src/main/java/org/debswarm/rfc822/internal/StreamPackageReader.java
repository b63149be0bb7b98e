package org.debswarm.rfc822.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.debswarm.rfc822.ControlParseException;
import org.debswarm.rfc822.PackageEntry;
import org.debswarm.rfc822.PackageReader;
import org.debswarm.rfc822.ParserLimits;

/**
 * Reads the six fields of a {@link PackageEntry} straight from the scanner's buffer: no paragraph
 * copy and no strings for the fields it skips (Depends, Description, ...), which is most of a
 * Packages file.
 */
final class StreamPackageReader implements PackageReader {

    private static final byte[][] NAMES = {
        bytes("package"), bytes("version"), bytes("architecture"), bytes("filename"), bytes("size"), bytes("sha256"),
    };
    private static final String[] DISPLAY = {"Package", "Version", "Architecture", "Filename", "Size", "SHA256"};
    private static final int PACKAGE = 0, VERSION = 1, ARCHITECTURE = 2, FILENAME = 3, SIZE = 4, SHA256 = 5;

    private final ParagraphScanner scanner;
    private final int[] found = new int[NAMES.length];

    StreamPackageReader(InputStream in, ParserLimits limits) {
        this.scanner = new ParagraphScanner(new LineBuffer(in, limits.maxLineLength()), limits);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public PackageEntry next() throws IOException {
        if (!scanner.next()) {
            return null;
        }
        locateFields();
        String name = text(PACKAGE);
        try {
            return new PackageEntry(name, text(VERSION), text(ARCHITECTURE), text(FILENAME), size(), text(SHA256),
                    null);
        } catch (IllegalArgumentException e) {
            throw new ControlParseException(scanner.firstLine(), "package " + name + ": " + e.getMessage(), e);
        }
    }

    private void locateFields() {
        Arrays.fill(found, -1);
        byte[] b = scanner.buffer();
        int base = scanner.offset();
        int[] spans = scanner.spans();
        for (int i = 0, n = scanner.fieldCount(); i < n; i++) {
            int from = base + spans[i * 4];
            int to = base + spans[i * 4 + 1];
            // Field names differ in length or first letter, so most fields cost two comparisons.
            for (int k = 0; k < NAMES.length; k++) {
                if (NAMES[k].length == to - from && (b[from] | 0x20) == NAMES[k][0]
                        && Ascii.isName(b, from, to, NAMES[k])) {
                    found[k] = i;
                    break;
                }
            }
        }
    }

    /** Where a required field's value starts in the buffer, once it is known to be one non-empty line. */
    private int valueFrom(int field) throws ControlParseException {
        int index = found[field];
        if (index < 0) {
            throw new ControlParseException(scanner.firstLine(), "paragraph has no " + DISPLAY[field] + " field");
        }
        int[] spans = scanner.spans();
        int from = scanner.offset() + spans[index * 4 + 2];
        int to = scanner.offset() + spans[index * 4 + 3];
        if (from == to) {
            throw new ControlParseException(scanner.fieldLine(index), DISPLAY[field] + ": empty value");
        }
        if (Ascii.indexOf(scanner.buffer(), from, to, '\n') >= 0) {
            throw new ControlParseException(scanner.fieldLine(index), DISPLAY[field]
                    + ": value spans several lines (expected: one)");
        }
        return from;
    }

    private int valueTo(int field) {
        return scanner.offset() + scanner.spans()[found[field] * 4 + 3];
    }

    private String text(int field) throws ControlParseException {
        int from = valueFrom(field);
        return Ascii.decode(scanner.buffer(), from, valueTo(field));
    }

    private long size() throws ControlParseException {
        int from = valueFrom(SIZE);
        int to = valueTo(SIZE);
        byte[] b = scanner.buffer();
        long size = 0;
        for (int i = from; i < to; i++) {
            if (b[i] < '0' || b[i] > '9' || to - from > 18) {
                throw new ControlParseException(scanner.fieldLine(found[SIZE]), "Size: '"
                        + Ascii.preview(b, from, to) + "' is not a size (expected: 1 to 18 decimal digits)");
            }
            size = size * 10 + (b[i] - '0');
        }
        return size;
    }

    @Override
    public void close() throws IOException {
        scanner.close();
    }
}
