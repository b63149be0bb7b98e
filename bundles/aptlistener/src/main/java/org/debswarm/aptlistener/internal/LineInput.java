package org.debswarm.aptlistener.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Lines of a stream as raw bytes, each with its {@code \n} (the last line may lack one), bounded in line
 * length and in total bytes: a hostile patch or index cannot make the reader hold more than one line.
 */
final class LineInput {

    /** Longer than any real index line (bookworm's longest Packages line: 75,649 bytes). */
    static final int MAX_LINE = 8 << 20;

    private final InputStream in;
    private final long maxBytes;
    private final byte[] buffer = new byte[65536];
    private int position;
    private int limit;
    private long total;
    private long lineNumber;

    LineInput(InputStream in, long maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** @return the number of lines returned so far */
    long lineNumber() {
        return lineNumber;
    }

    /** @return the next line with its line ending, or null at the end */
    byte[] next() throws IOException {
        byte[] line = new byte[128];
        int length = 0;
        while (true) {
            if (position == limit && !fill()) {
                return length == 0 ? null : counted(Arrays.copyOf(line, length));
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            boolean ended = position < limit;
            if (ended) {
                position++;
            }
            int n = position - start;
            if (length + n > MAX_LINE) {
                throw new EdPatch.PatchException("line " + (lineNumber + 1) + " is longer than " + MAX_LINE + " bytes");
            }
            if (length + n > line.length) {
                line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
            }
            System.arraycopy(buffer, start, line, length, n);
            length += n;
            if (ended) {
                return counted(Arrays.copyOf(line, length));
            }
        }
    }

    private byte[] counted(byte[] line) {
        lineNumber++;
        return line;
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer, 0, buffer.length);
        while (n == 0) {
            int b = in.read();
            if (b < 0) {
                return false;
            }
            buffer[0] = (byte) b;
            n = 1;
        }
        if (n < 0) {
            return false;
        }
        total += n;
        if (total > maxBytes) {
            throw new EdPatch.PatchException("patch larger than " + maxBytes + " bytes");
        }
        position = 0;
        limit = n;
        return true;
    }
}
