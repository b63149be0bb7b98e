package org.debswarm.rfc822;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Typed reads of paragraph fields, shared by the value types; errors name the field's line. */
final class Fields {

    /** Builds one entry of a hash list from its columns; throws IllegalArgumentException if invalid. */
    interface Row<T> {
        T make(String digest, long size, String path);
    }

    /** Rows of a SHA-256 list. */
    static final Row<FileChecksum> SHA256 = (digest, size, path) -> new FileChecksum(path, size, digest);

    private Fields() {
    }

    /** A field that must be present, on one line and not empty. */
    static String required(Paragraph p, String name) throws ControlParseException {
        String value = optional(p, name);
        if (value == null) {
            throw new ControlParseException(p.firstLine(), "paragraph has no " + name + " field");
        }
        if (value.isEmpty()) {
            throw new ControlParseException(p.line(name), name + ": empty value");
        }
        return value;
    }

    /** A field that may be absent ({@code null}) but is one line when present. */
    static String optional(Paragraph p, String name) throws ControlParseException {
        String value = p.field(name);
        if (value != null && value.indexOf('\n') >= 0) {
            throw new ControlParseException(p.line(name), name + ": value spans several lines (expected: one)");
        }
        return value;
    }

    static long size(Paragraph p, String name) throws ControlParseException {
        String value = required(p, name);
        long size = parseSize(value);
        if (size < 0) {
            throw new ControlParseException(p.line(name), name + ": '" + FileChecksum.abbreviate(value)
                    + "' is not a size (expected: 1 to 18 decimal digits)");
        }
        return size;
    }

    /** Decimal digits only, at most 18 so that no value overflows; -1 if the text is not that. */
    static long parseSize(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return -1;
        }
        long size = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            size = size * 10 + (c - '0');
        }
        return size;
    }

    /** Whitespace-separated words of a field; empty if the field is absent. */
    static List<String> words(Paragraph p, String name) {
        String value = p.field(name);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return List.of(value.trim().split("\\s+"));
    }

    /** A hash list: one {@code <digest> <size> <path>} per continuation line; empty if absent. */
    static <T> List<T> rows(Paragraph p, String name, Row<T> row) throws ControlParseException {
        String value = p.field(name);
        if (value == null) {
            return List.of();
        }
        int line = p.line(name);
        List<T> rows = new ArrayList<>();
        String[] lines = value.split("\n", -1);
        for (int k = 0; k < lines.length; k++) {
            String[] columns = columns(lines[k]);
            if (columns.length == 0) {
                continue;
            }
            if (columns.length != 3) {
                throw new ControlParseException(line + k, name + ": '" + FileChecksum.abbreviate(lines[k])
                        + "' (expected: <digest> <size> <path>)");
            }
            rows.add(make(row, columns, line + k, name));
        }
        return Collections.unmodifiableList(rows);
    }

    /** A one-line {@code <sha256> <size>} field such as {@code SHA256-Current}; null if absent. */
    static FileChecksum digestAndSize(Paragraph p, String name) throws ControlParseException {
        String value = optional(p, name);
        if (value == null) {
            return null;
        }
        String[] columns = columns(value);
        if (columns.length != 2) {
            throw new ControlParseException(p.line(name), name + ": '" + FileChecksum.abbreviate(value)
                    + "' (expected: <sha256> <size>)");
        }
        String[] withPath = Arrays.copyOf(columns, 3);
        withPath[2] = "";
        return make(SHA256, withPath, p.line(name), name);
    }

    private static <T> T make(Row<T> row, String[] columns, int line, String name) throws ControlParseException {
        long size = parseSize(columns[1]);
        if (size < 0) {
            throw new ControlParseException(line, name + ": size '" + FileChecksum.abbreviate(columns[1])
                    + "' (expected: 1 to 18 decimal digits)");
        }
        try {
            return row.make(columns[0], size, columns[2]);
        } catch (IllegalArgumentException e) {
            throw new ControlParseException(line, name + ": " + e.getMessage(), e);
        }
    }

    private static String[] columns(String line) {
        String trimmed = line.trim();
        return trimmed.isEmpty() ? new String[0] : trimmed.split("[ \t]+");
    }
}
