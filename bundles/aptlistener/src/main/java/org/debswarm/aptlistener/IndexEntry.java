package org.debswarm.aptlistener;

import java.util.Objects;

import org.debswarm.storage.FileKey;

/**
 * One package file of a {@code Packages} index: where it lives on its mirror and what its content must be
 * ({@code Filename}, {@code Size}, {@code SHA256}), with its {@code Architecture}; or one file of a source
 * package listed by a {@code Sources} index ({@code Directory} and a {@code Checksums-Sha256} entry), whose
 * architecture is {@link #SOURCE}.
 *
 * @param key the file: host, path relative to the host, size, SHA-256
 * @param architecture the {@code Architecture} field, such as {@code amd64} or {@code all}, or {@link #SOURCE}
 */
public record IndexEntry(FileKey key, String architecture) {

    /** The architecture of the files of a {@code Sources} index (.dsc, orig and debian tarballs). */
    public static final String SOURCE = "source";

    /** Checks that both parts are present. */
    public IndexEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(architecture, "architecture");
    }

    /** @return whether the package is {@code Architecture: all}, shared by the swarms of every architecture */
    public boolean architectureAll() {
        return "all".equals(architecture);
    }

    /** @return whether the file belongs to a source package (listed by a {@code Sources} index) */
    public boolean source() {
        return SOURCE.equals(architecture);
    }
}
