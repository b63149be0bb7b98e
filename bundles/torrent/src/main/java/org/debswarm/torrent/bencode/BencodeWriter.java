package org.debswarm.torrent.bencode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;

/**
 * Writes canonical bencoding (<a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3</a>) to a stream,
 * without building the value in memory first: how large structures (a torrent's file list, fed to a digest)
 * are encoded. Inside a dictionary, strings alternate as key and value; keys must come in strictly increasing
 * unsigned byte order, and misuse (an unsorted or duplicate key, a non-string key, a key without a value, an
 * unbalanced {@link #end()}) throws {@link IllegalStateException}. Not thread-safe.
 */
public final class BencodeWriter {

    private static final class Level {
        final boolean dictionary;
        boolean keyNext = true;
        byte[] lastKey;

        Level(boolean dictionary) {
            this.dictionary = dictionary;
        }
    }

    private final OutputStream out;
    private final ArrayDeque<Level> levels = new ArrayDeque<>();

    public BencodeWriter(OutputStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    // integer: i<decimal>e
    public BencodeWriter integer(long value) throws IOException {
        notKey("an integer");
        out.write('i');
        writeAscii(Long.toString(value));
        out.write('e');
        return this;
    }

    // string: <length>:<bytes>
    public BencodeWriter string(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        Level level = levels.peek();
        if (level != null && level.dictionary) {
            if (level.keyNext) {
                checkKeyOrder(level, bytes, offset, length);
            }
            level.keyNext = !level.keyNext;
        }
        writeAscii(Integer.toString(length));
        out.write(':');
        out.write(bytes, offset, length);
        return this;
    }

    public BencodeWriter string(byte[] bytes) throws IOException {
        return string(bytes, 0, bytes.length);
    }

    public BencodeWriter string(ByteString bytes) throws IOException {
        return string(bytes.array());
    }

    /** The string as UTF-8. */
    public BencodeWriter string(String text) throws IOException {
        return string(text.getBytes(StandardCharsets.UTF_8));
    }

    public BencodeWriter beginList() throws IOException {
        return begin('l', false);
    }

    public BencodeWriter beginDictionary() throws IOException {
        return begin('d', true);
    }

    /** Ends the innermost list or dictionary. */
    public BencodeWriter end() throws IOException {
        Level level = levels.poll();
        if (level == null) {
            throw new IllegalStateException("end() without an open list or dictionary");
        }
        if (!level.keyNext) {
            throw new IllegalStateException("dictionary key " + ByteString.of(level.lastKey) + " without a value");
        }
        out.write('e');
        afterValue();
        return this;
    }

    /** Writes a whole value, with the conversions of {@link Bencode#encode(Object)}. */
    public BencodeWriter value(Object value) throws IOException {
        ValueWriter.write(this, value);
        return this;
    }

    private BencodeWriter begin(char marker, boolean dictionary) throws IOException {
        notKey(dictionary ? "a dictionary" : "a list");
        out.write(marker);
        levels.push(new Level(dictionary));
        return this;
    }

    private void notKey(String what) {
        Level level = levels.peek();
        if (level != null && level.dictionary && level.keyNext) {
            throw new IllegalStateException(what + " where a dictionary key is expected (expected: a string)");
        }
        afterValue();
    }

    /** A finished value inside a dictionary means the next string is a key. */
    private void afterValue() {
        Level level = levels.peek();
        if (level != null && level.dictionary) {
            level.keyNext = true;
        }
    }

    private static void checkKeyOrder(Level level, byte[] bytes, int offset, int length) {
        byte[] last = level.lastKey;
        if (last != null && Arrays.compareUnsigned(last, 0, last.length, bytes, offset, offset + length) >= 0) {
            ByteString key = ByteString.of(bytes, offset, length);
            throw new IllegalStateException("dictionary key " + key + " after " + ByteString.of(last)
                    + " (expected: keys sorted by raw bytes, without duplicates)");
        }
        level.lastKey = Arrays.copyOfRange(bytes, offset, offset + length);
    }

    private void writeAscii(String digits) throws IOException {
        for (int i = 0; i < digits.length(); i++) {
            out.write(digits.charAt(i));
        }
    }
}
