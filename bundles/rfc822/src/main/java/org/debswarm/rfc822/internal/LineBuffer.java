package org.debswarm.rfc822.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

import org.debswarm.rfc822.ControlParseException;

/**
 * Hands out the lines of a stream as offsets into one buffer, filled by large reads. Bytes from the
 * pinned position on survive refills, so a caller can keep a whole paragraph in place and copy it
 * once. Lines are cut at LF; a CR before the LF is not part of the line; the last line may lack its
 * LF. A line longer than the limit fails before more than the limit plus one read is buffered.
 */
final class LineBuffer {

    private static final int INITIAL_CAPACITY = 64 * 1024;
    private static final int MIN_READ = 16 * 1024;

    private final InputStream in;
    private final int maxLineLength;
    private byte[] buf = new byte[INITIAL_CAPACITY];
    private int limit;
    private int next;
    private int pin = -1;
    private boolean eof;
    private int number;
    private int start;
    private int end;

    LineBuffer(InputStream in, int maxLineLength) {
        this.in = Objects.requireNonNull(in, "in");
        this.maxLineLength = maxLineLength;
    }

    /** Advances to the next line; false at the end of the input. */
    boolean next() throws IOException {
        int from = next;
        int scan = next;
        while (true) {
            int newline = indexOfNewline(buf, scan, limit);
            if (newline >= 0) {
                return line(from, newline, newline + 1);
            }
            if (limit - from > maxLineLength) {
                throw tooLong();
            }
            if (eof) {
                return from < limit && line(from, limit, limit);
            }
            int scanned = limit;
            int shift = fill(from);
            from -= shift;
            scan = scanned - shift;
        }
    }

    // A plain loop is enough: the whole parser runs at about 1 GB/s (docs/rfc822.md).
    private static int indexOfNewline(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private boolean line(int from, int newline, int after) throws ControlParseException {
        if (newline - from > maxLineLength) {
            throw tooLong();
        }
        number++;
        start = from;
        end = newline > from && buf[newline - 1] == '\r' ? newline - 1 : newline;
        next = after;
        return true;
    }

    private ControlParseException tooLong() {
        return new ControlParseException(number + 1, "line longer than " + maxLineLength
                + " bytes (expected: <= " + maxLineLength + ", ParserLimits.maxLineLength)");
    }

    /** Reads more input, first moving the kept bytes to the front; returns how far they moved. */
    private int fill(int from) throws IOException {
        int keep = pin >= 0 ? pin : from;
        int shift = 0;
        if (keep > 0 && buf.length - limit < MIN_READ) {
            System.arraycopy(buf, keep, buf, 0, limit - keep);
            shift = keep;
            limit -= keep;
            pin = pin >= 0 ? 0 : -1;
        }
        if (buf.length - limit < MIN_READ) {
            // Grow to at most the kept lines before this one (bounded by maxParagraphBytes, checked at
            // each line end) plus one byte over maxLineLength: enough to tell this line is too long.
            int enough = (from - keep) + maxLineLength + 1 + MIN_READ;
            buf = Arrays.copyOf(buf, Math.max(limit + MIN_READ, Math.min(buf.length * 2, enough)));
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n > 0) {
            limit += n;
        } else if (n < 0) {
            eof = true;
        } else {
            // A stream that returns 0 is broken, but a blocking single-byte read cannot spin.
            int b = in.read();
            if (b < 0) {
                eof = true;
            } else {
                buf[limit++] = (byte) b;
            }
        }
        return shift;
    }

    /** Keeps the current line and everything after it in the buffer until {@link #unpin()}. */
    void pin() {
        pin = start;
    }

    void unpin() {
        pin = -1;
    }

    /** Where the pinned bytes start in {@link #buffer()}; valid until the next call of {@link #next()}. */
    int pinned() {
        return pin;
    }

    /** The buffer holding the current line; replaced when it grows, so read it after each {@link #next()}. */
    byte[] buffer() {
        return buf;
    }

    /** Start of the current line in {@link #buffer()}. */
    int start() {
        return start;
    }

    /** End of the current line (exclusive, before the CR LF or LF). */
    int end() {
        return end;
    }

    /** 1-based number of the current line; 0 before the first. */
    int number() {
        return number;
    }

    void close() throws IOException {
        in.close();
    }
}
