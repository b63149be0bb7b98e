package org.debswarm.tracker.internal;

import java.util.Arrays;
import java.util.HexFormat;

/** An immutable byte string used as a map key: info hashes, peer ids, peer keys. */
final class Bytes {

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;
    private final int hash;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    static Bytes copyOf(byte[] bytes) {
        return new Bytes(bytes.clone());
    }

    static Bytes concat(Bytes a, byte[] b) {
        byte[] joined = Arrays.copyOf(a.bytes, a.bytes.length + b.length);
        System.arraycopy(b, 0, joined, a.bytes.length, b.length);
        return new Bytes(joined);
    }

    /** Parses hexadecimal digits of either case; returns null when {@code hex} is not exactly that. */
    static Bytes fromHex(String hex, int length) {
        if (hex == null || hex.length() != 2 * length) {
            return null;
        }
        try {
            return new Bytes(HEX.parseHex(hex));
        } catch (IllegalArgumentException notHex) {
            return null;
        }
    }

    int length() {
        return bytes.length;
    }

    /** A copy of the bytes. */
    byte[] toByteArray() {
        return bytes.clone();
    }

    String hex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return hex();
    }
}
