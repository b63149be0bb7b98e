package org.debswarm.torrent.bencode;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable sequence of bytes: a bencoded string, which BEP 3 defines as raw bytes (piece hashes,
 * compact peers) as often as text. Ordered by unsigned lexicographic comparison of the bytes, the order
 * in which canonical bencoding sorts dictionary keys.
 */
public final class ByteString implements Comparable<ByteString> {

    private static final ByteString EMPTY = new ByteString(new byte[0]);

    private final byte[] bytes;
    private int hash;

    /** Takes ownership of {@code bytes}: only for arrays nobody else holds. */
    ByteString(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A byte string holding a copy of {@code bytes}. */
    public static ByteString of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new ByteString(bytes.clone());
    }

    /** A byte string holding a copy of {@code length} bytes of {@code bytes} from {@code offset}. */
    public static ByteString of(byte[] bytes, int offset, int length) {
        return length == 0 ? EMPTY : new ByteString(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** The UTF-8 encoding of {@code text}. */
    public static ByteString utf8(String text) {
        return new ByteString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public byte byteAt(int index) {
        return bytes[index];
    }

    /** The bytes decoded as UTF-8; malformed sequences become U+FFFD. */
    public String utf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The bytes as lower-case hexadecimal. */
    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** For the writer and decoder of this package: the bytes without a copy. Never modified. */
    byte[] array() {
        return bytes;
    }

    @Override
    public int compareTo(ByteString other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteString && Arrays.equals(bytes, ((ByteString) o).bytes);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(bytes);
            hash = h;
        }
        return h;
    }

    /** The text if the bytes are printable ASCII, otherwise hexadecimal: for logs and messages. */
    @Override
    public String toString() {
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                return "0x" + toHex();
            }
        }
        return '"' + new String(bytes, StandardCharsets.US_ASCII) + '"';
    }
}
