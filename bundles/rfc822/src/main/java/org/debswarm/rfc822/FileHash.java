package org.debswarm.rfc822;

import java.util.Objects;

/**
 * A file named in a {@code Release} hash list under any algorithm ({@code MD5Sum}, {@code SHA1},
 * {@code SHA256}, {@code SHA512}), with its size and digest. For SHA-256, {@link FileChecksum} is the
 * type the rest of the node uses. Immutable.
 */
public final class FileHash {

    private final String path;
    private final long size;
    private final String algorithm;
    private final String hex;

    /**
     * @param path      relative path as published
     * @param size      size in bytes, at least 0
     * @param algorithm the name of the list, as published (for example {@code "MD5Sum"})
     * @param hex       the digest in hexadecimal, either case; kept in lower case
     * @throws IllegalArgumentException if a value is invalid
     */
    public FileHash(String path, long size, String algorithm, String hex) {
        this.path = FileChecksum.checkPath(path);
        this.size = FileChecksum.checkSize(size);
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        if (hex.isEmpty() || hex.length() % 2 != 0) {
            throw new IllegalArgumentException(algorithm + " digest '" + FileChecksum.abbreviate(hex)
                    + "' (expected: an even, non-zero number of hexadecimal digits)");
        }
        this.hex = FileChecksum.checkHex(hex, hex.length(), algorithm);
    }

    public String path() {
        return path;
    }

    public long size() {
        return size;
    }

    /** The hash list's name as published, for example {@code "MD5Sum"}. */
    public String algorithm() {
        return algorithm;
    }

    /** The digest as lower-case hexadecimal. */
    public String hex() {
        return hex;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FileHash)) {
            return false;
        }
        FileHash other = (FileHash) o;
        return size == other.size && path.equals(other.path) && algorithm.equals(other.algorithm)
                && hex.equals(other.hex);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, size, algorithm, hex);
    }

    @Override
    public String toString() {
        return algorithm + " " + hex + " " + size + " " + path;
    }
}
