package org.debswarm.rfc822;

/**
 * Bounds on what a reader keeps in memory, so that hostile or broken input fails fast with a
 * {@link ControlParseException} instead of exhausting the heap. Immutable.
 *
 * <p>A reader holds at most about {@code maxParagraphBytes + maxLineLength} bytes plus one 16 KiB
 * read. The defaults leave ample headroom over real archives: the longest line in bookworm's amd64
 * {@code Packages} is 75,649 bytes (a {@code Provides} field), its longest paragraph 76 KB, bookworm's
 * {@code InRelease} 151 KB.
 */
public final class ParserLimits {

    /** 1 MiB lines, 8 MiB paragraphs (and clearsigned texts), 512 fields per paragraph. */
    public static final ParserLimits DEFAULT = new ParserLimits(1 << 20, 8 << 20, 512);

    private final int maxLineLength;
    private final int maxParagraphBytes;
    private final int maxFields;

    private ParserLimits(int maxLineLength, int maxParagraphBytes, int maxFields) {
        if (maxLineLength < 80) {
            throw new IllegalArgumentException("maxLineLength " + maxLineLength + " (expected: >= 80)");
        }
        if (maxParagraphBytes < maxLineLength) {
            throw new IllegalArgumentException("maxParagraphBytes " + maxParagraphBytes
                    + " (expected: >= maxLineLength " + maxLineLength + ")");
        }
        if (maxParagraphBytes > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("maxParagraphBytes " + maxParagraphBytes
                    + " (expected: <= " + Integer.MAX_VALUE / 4 + ")");
        }
        if (maxFields < 1) {
            throw new IllegalArgumentException("maxFields " + maxFields + " (expected: >= 1)");
        }
        this.maxLineLength = maxLineLength;
        this.maxParagraphBytes = maxParagraphBytes;
        this.maxFields = maxFields;
    }

    /**
     * @param maxLineLength     longest line in bytes, without its line ending (at least 80)
     * @param maxParagraphBytes largest paragraph in bytes, line endings included (at least
     *                          {@code maxLineLength}); also bounds a clearsigned text and its signature
     * @param maxFields         most fields in one paragraph (at least 1)
     * @throws IllegalArgumentException if a value is out of range
     */
    public static ParserLimits of(int maxLineLength, int maxParagraphBytes, int maxFields) {
        return new ParserLimits(maxLineLength, maxParagraphBytes, maxFields);
    }

    /** These limits with another line length; the paragraph limit is raised to it if smaller. */
    public ParserLimits withMaxLineLength(int value) {
        return new ParserLimits(value, Math.max(value, maxParagraphBytes), maxFields);
    }

    /** These limits with another paragraph size; the line limit is lowered to it if larger. */
    public ParserLimits withMaxParagraphBytes(int value) {
        return new ParserLimits(Math.min(maxLineLength, value), value, maxFields);
    }

    /** These limits with another field count. */
    public ParserLimits withMaxFields(int value) {
        return new ParserLimits(maxLineLength, maxParagraphBytes, value);
    }

    /** Longest accepted line in bytes, excluding its line ending. */
    public int maxLineLength() {
        return maxLineLength;
    }

    /** Largest accepted paragraph in bytes; also the bound on a clearsigned text and on its signature. */
    public int maxParagraphBytes() {
        return maxParagraphBytes;
    }

    /** Most fields accepted in one paragraph. */
    public int maxFields() {
        return maxFields;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParserLimits
                && ((ParserLimits) o).maxLineLength == maxLineLength
                && ((ParserLimits) o).maxParagraphBytes == maxParagraphBytes
                && ((ParserLimits) o).maxFields == maxFields;
    }

    @Override
    public int hashCode() {
        return (maxLineLength * 31 + maxParagraphBytes) * 31 + maxFields;
    }

    @Override
    public String toString() {
        return "ParserLimits[maxLineLength=" + maxLineLength + ", maxParagraphBytes=" + maxParagraphBytes
                + ", maxFields=" + maxFields + "]";
    }
}
