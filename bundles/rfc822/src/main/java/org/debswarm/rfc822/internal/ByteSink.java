package org.debswarm.rfc822.internal;

import java.util.Arrays;

import org.debswarm.rfc822.ControlParseException;

/** A growing byte array that refuses to grow past a limit, naming the limit. */
final class ByteSink {

    private final int max;
    private final String what;
    private byte[] bytes = new byte[8192];
    private int size;

    ByteSink(int max, String what) {
        this.max = max;
        this.what = what;
    }

    void write(int b, int line) throws ControlParseException {
        ensure(1, line);
        bytes[size++] = (byte) b;
    }

    void write(byte[] b, int from, int to, int line) throws ControlParseException {
        ensure(to - from, line);
        System.arraycopy(b, from, bytes, size, to - from);
        size += to - from;
    }

    private void ensure(int more, int line) throws ControlParseException {
        if (size + more > max) {
            throw new ControlParseException(line, what + " longer than " + max + " bytes (expected: <= " + max
                    + ", ParserLimits.maxParagraphBytes)");
        }
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.min(max, Math.max(bytes.length * 2, size + more)));
        }
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }
}
