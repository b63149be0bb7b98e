package org.debswarm.torrent;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The 20-byte identity of a torrent on the wire (tracker announces, the peer wire handshake), as in
 * <a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3</a>. For a Packages torrent it is the SHA-1 of
 * the canonical file list; for a standard torrent the SHA-1 of the info dictionary's bytes.
 */
public final class InfoHash implements Comparable<InfoHash> {

    /** Bytes of an infohash. */
    public static final int LENGTH = 20;

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private InfoHash(byte[] bytes) {
        this.bytes = bytes;
    }

    /** @throws IllegalArgumentException unless {@code bytes} has 20 bytes */
    public static InfoHash of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("infohash of " + bytes.length + " bytes (expected: 20)");
        }
        return new InfoHash(bytes.clone());
    }

    /** @throws IllegalArgumentException unless {@code hex} is 40 hexadecimal digits */
    public static InfoHash fromHex(String hex) {
        if (hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("infohash of " + hex.length() + " hex digits (expected: 40)");
        }
        return new InfoHash(HEX.parseHex(hex));
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** Lower-case hexadecimal, 40 digits. */
    public String toHex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public int compareTo(InfoHash other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InfoHash && Arrays.equals(bytes, ((InfoHash) o).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
