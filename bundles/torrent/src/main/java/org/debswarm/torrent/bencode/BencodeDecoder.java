package org.debswarm.torrent.bencode;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;

/**
 * Decodes one bencoded value from input that arrives in pieces (a socket, a pipeline), in the manner of a
 * cumulating frame decoder: each call is given all bytes not yet consumed, from the first byte of the value.
 * It returns the length of the value once the bytes hold all of it (its {@link #value()} is then available
 * and the decoder is ready for the next value), or 0 when the bytes are a valid beginning and more are needed.
 * Bytes after the value are not consumed: they belong to the caller (the next message, or raw data after a
 * BEP 9 metadata dictionary). Work already done is not repeated, so feeding byte by byte costs O(n).
 *
 * <p>Decoding is strict <a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3</a>: no leading zeros
 * (in integers or string lengths), no {@code -0}, dictionary keys unique and (unless constructed otherwise)
 * sorted by raw bytes. Bad input is reported as soon as the offending byte is seen, with the same message
 * whether the input comes whole or byte by byte. Not thread-safe: one decoder per connection.
 *
 * <pre>{@code
 * int n = decoder.decode(buffer, start, filled - start);
 * if (n > 0) { handle(decoder.value()); start += n; }
 * }</pre>
 */
public final class BencodeDecoder {

    private enum State { VALUE, INTEGER, LENGTH, BODY }

    private final BencodeLimits limits;
    private final boolean sortedKeys;
    private final ArrayDeque<Container> stack = new ArrayDeque<>();
    private State state = State.VALUE;
    private int pos;
    private int tokenStart;
    private int digits;
    private long length;
    private int bodyStart;
    private Object value;

    /** A strict decoder: dictionary keys must be sorted. */
    public BencodeDecoder(BencodeLimits limits) {
        this(limits, true);
    }

    /**
     * @param sortedKeys false to accept dictionary keys in any order (still unique), as found in some
     *                   .torrent files made by other clients; everything else stays strict
     */
    public BencodeDecoder(BencodeLimits limits, boolean sortedKeys) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.sortedKeys = sortedKeys;
    }

    /**
     * Decodes the value starting at {@code buffer[offset]}.
     *
     * @param length how many bytes from {@code offset} are available: never fewer than in the last call
     *               that returned 0, since those bytes are part of the value
     * @return the length of the complete value, or 0 if more bytes are needed
     * @throws BencodeException on malformed, non-canonical or over-limit input; call {@link #reset()} before
     *                          reusing the decoder
     */
    public int decode(byte[] buffer, int offset, int length) throws BencodeException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length < pos) {
            throw new IllegalStateException(length + " bytes given but " + pos
                    + " were already scanned (expected: the unconsumed bytes again, and more)");
        }
        value = null;
        while (pos < length) {
            if (pos >= limits.maxTotalSize()) {
                throw new BencodeException("value longer than " + limits.maxTotalSize() + " bytes", pos,
                        "<= " + limits.maxTotalSize() + " bytes");
            }
            Object done = step(buffer, offset, length);
            if (done != null) {
                int consumed = pos;
                reset();
                value = done;
                return consumed;
            }
        }
        return 0;
    }

    /** The value completed by the last call of {@link #decode}, or null if that call returned 0. */
    public Object value() {
        return value;
    }

    /** Forgets any partial value, to start again at the first byte of a new one. */
    public void reset() {
        stack.clear();
        state = State.VALUE;
        pos = 0;
        value = null;
    }

    /** Bytes of the current, incomplete value already scanned; 0 between values. */
    public int scanned() {
        return pos;
    }

    private Object step(byte[] buf, int off, int len) throws BencodeException {
        switch (state) {
            case VALUE:
                return startValue(buf[off + pos]);
            case INTEGER:
                return scanInteger(buf, off, len);
            case LENGTH:
                return scanLength(buf, off, len);
            default:
                return scanBody(buf, off, len);
        }
    }

    private Object startValue(byte b) throws BencodeException {
        Container top = stack.peek();
        tokenStart = pos;
        if (b == 'e' && top != null && top.mayEnd()) {
            pos++;
            return emit(stack.pop().value(), top.start());
        }
        if (top != null && top.expectsKey() && !isDigit(b)) {
            throw new BencodeException("dictionary key starting with " + describe(b), pos, "a string or 'e'");
        }
        if (b == 'i' || b == 'l' || b == 'd') {
            pos++;
            open(b);
        } else if (isDigit(b)) {
            state = State.LENGTH;
            digits = 0;
            length = 0;
        } else {
            throw new BencodeException("unexpected " + describe(b), pos, expectedValue(top));
        }
        return null;
    }

    private void open(byte b) throws BencodeException {
        if (b == 'i') {
            state = State.INTEGER;
            digits = 0;
            return;
        }
        if (stack.size() >= limits.maxDepth()) {
            throw new BencodeException("nesting depth " + (stack.size() + 1), tokenStart,
                    "<= " + limits.maxDepth());
        }
        stack.push(b == 'l' ? Container.list(tokenStart) : Container.dictionary(tokenStart));
    }

    // integer: i<optional '-'><digits without leading zero>e
    private Object scanInteger(byte[] buf, int off, int len) throws BencodeException {
        int first = tokenStart + 1;
        for (; pos < len; pos++) {
            byte b = buf[off + pos];
            if (b == 'e') {
                long v = integerValue(buf, off);
                pos++;
                state = State.VALUE;
                return emit(v, tokenStart);
            }
            if (b == '-' && pos == first) {
                continue;
            }
            if (!isDigit(b)) {
                throw new BencodeException("unexpected " + describe(b) + " in integer", pos, "a digit or 'e'");
            }
            checkIntegerDigit(buf[off + first] == '-' ? first + 1 : first, buf[off + pos - 1], b);
        }
        return null;
    }

    private void checkIntegerDigit(int firstDigit, byte previous, byte b) throws BencodeException {
        if (pos == firstDigit && b == '0' && previous == '-') {
            throw new BencodeException("negative zero", tokenStart, "no \"-0\"");
        }
        if (pos == firstDigit + 1 && previous == '0') {
            throw new BencodeException("leading zero in integer", firstDigit, "no leading zeros");
        }
        if (++digits > limits.maxIntegerDigits()) {
            throw new BencodeException("integer of more than " + limits.maxIntegerDigits() + " digits",
                    tokenStart, "<= " + limits.maxIntegerDigits() + " digits");
        }
    }

    private long integerValue(byte[] buf, int off) throws BencodeException {
        if (digits == 0) {
            throw new BencodeException("integer without digits", tokenStart, "at least one digit");
        }
        boolean negative = buf[off + tokenStart + 1] == '-';
        long v = 0;
        try {
            for (int i = tokenStart + (negative ? 2 : 1); i < pos; i++) {
                // accumulate negatively so that Long.MIN_VALUE fits
                v = Math.subtractExact(Math.multiplyExact(v, 10), buf[off + i] - '0');
            }
            return negative ? v : Math.negateExact(v);
        } catch (ArithmeticException e) {
            throw new BencodeException("integer out of 64-bit range", tokenStart,
                    Long.MIN_VALUE + " to " + Long.MAX_VALUE);
        }
    }

    // string: <length without leading zero>:<bytes>
    private Object scanLength(byte[] buf, int off, int len) throws BencodeException {
        for (; pos < len; pos++) {
            byte b = buf[off + pos];
            if (b == ':') {
                startBody();
                return scanBody(buf, off, len);
            }
            if (!isDigit(b)) {
                throw new BencodeException("unexpected " + describe(b) + " in string length", pos, "a digit or ':'");
            }
            if (pos == tokenStart + 1 && buf[off + tokenStart] == '0') {
                throw new BencodeException("leading zero in string length", tokenStart, "no leading zeros");
            }
            if (++digits > 18) {
                throw new BencodeException("string length of more than 18 digits", tokenStart,
                        "<= " + limits.maxStringLength());
            }
            length = length * 10 + (b - '0');
        }
        return null;
    }

    private void startBody() throws BencodeException {
        if (length > limits.maxStringLength()) {
            throw new BencodeException("string length " + length, tokenStart, "<= " + limits.maxStringLength());
        }
        bodyStart = pos + 1;
        if (bodyStart + length > limits.maxTotalSize()) {
            throw new BencodeException("string of length " + length + " ending past the value size limit",
                    tokenStart, "value size <= " + limits.maxTotalSize() + " bytes");
        }
        state = State.BODY;
    }

    private Object scanBody(byte[] buf, int off, int len) throws BencodeException {
        int end = bodyStart + (int) length;
        if (end > len) {
            pos = len; // the body is copied in one go once all of it is there
            return null;
        }
        byte[] bytes = Arrays.copyOfRange(buf, off + bodyStart, off + end);
        pos = end;
        state = State.VALUE;
        return emit(new ByteString(bytes), tokenStart);
    }

    /** Adds a finished value to its container; returns it if it is the whole value, else null. */
    private Object emit(Object v, int start) throws BencodeException {
        Container top = stack.peek();
        if (top == null) {
            return v;
        }
        top.add(v, start, limits, sortedKeys);
        return null;
    }

    /** What the decoder needs next, for a message about input that ended too soon. */
    String expecting() {
        switch (state) {
            case INTEGER:
                return "the rest of the integer at offset " + tokenStart;
            case LENGTH:
                return "the rest of the string length at offset " + tokenStart;
            case BODY:
                return (bodyStart + length - pos) + " more bytes of the string at offset " + tokenStart;
            default:
                return expectedValue(stack.peek());
        }
    }

    private static String expectedValue(Container top) {
        if (top == null) {
            return "a value: 'i', 'l', 'd' or a digit";
        }
        if (!top.isDictionary()) {
            return "a list element or 'e' to end the list at offset " + top.start();
        }
        return top.expectsKey() ? "a key or 'e' to end the dictionary at offset " + top.start()
                : "a value for key " + top.pendingKey();
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static String describe(byte b) {
        return b >= 0x20 && b < 0x7f ? "'" + (char) b + "' (0x" + String.format("%02x", b) + ")"
                : String.format("byte 0x%02x", b & 0xff);
    }
}
