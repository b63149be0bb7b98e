package org.debswarm.rfc822;

import java.util.Objects;

/**
 * What the node needs of one binary package in a {@code Packages} index: which file to fetch, how
 * long it is and its SHA-256, which is the piece hash of the torrent built from the index
 * (<a href="https://wiki.debian.org/DebianRepository/Format#A.22Packages.22_Indices">Debian Repository
 * Format, Packages indices</a>). Immutable.
 */
public final class PackageEntry {

    private final String packageName;
    private final String version;
    private final String architecture;
    private final String filename;
    private final long size;
    private final String sha256;
    private final Paragraph paragraph;

    /**
     * @param packageName  the {@code Package} field, not empty
     * @param version      the {@code Version} field, not empty
     * @param architecture the {@code Architecture} field, not empty (for example {@code amd64}, {@code all})
     * @param filename     the {@code Filename} field: a relative path below the mirror root
     * @param size         the {@code Size} field, at least 0
     * @param sha256       the {@code SHA256} field, 64 hexadecimal digits (kept in lower case)
     * @param paragraph    the whole paragraph, or {@code null} if the reader did not keep it
     * @throws IllegalArgumentException if a value is invalid; the message says which
     */
    public PackageEntry(String packageName, String version, String architecture, String filename, long size,
            String sha256, Paragraph paragraph) {
        this.packageName = nonEmpty(packageName, "Package");
        this.version = nonEmpty(version, "Version");
        this.architecture = nonEmpty(architecture, "Architecture");
        this.filename = FileChecksum.checkPath(filename);
        this.size = FileChecksum.checkSize(size);
        this.sha256 = FileChecksum.checkHex(sha256, 64, "SHA256");
        this.paragraph = paragraph;
    }

    /**
     * Reads the typed fields of a paragraph (and keeps the paragraph).
     *
     * @throws ControlParseException if a field is missing or invalid, naming its line
     */
    public static PackageEntry from(Paragraph p) throws ControlParseException {
        String packageName = Fields.required(p, "Package");
        String version = Fields.required(p, "Version");
        String architecture = Fields.required(p, "Architecture");
        String filename = Fields.required(p, "Filename");
        long size = Fields.size(p, "Size");
        String sha256 = Fields.required(p, "SHA256");
        try {
            return new PackageEntry(packageName, version, architecture, filename, size, sha256, p);
        } catch (IllegalArgumentException e) {
            throw new ControlParseException(p.firstLine(), "package " + packageName + ": " + e.getMessage(), e);
        }
    }

    private static String nonEmpty(String value, String field) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(field + " is empty");
        }
        return value;
    }

    public String packageName() {
        return packageName;
    }

    public String version() {
        return version;
    }

    public String architecture() {
        return architecture;
    }

    /** The {@code Filename}: the .deb's path relative to the mirror root, e.g. {@code pool/main/...}. */
    public String filename() {
        return filename;
    }

    /** The .deb's size in bytes. */
    public long size() {
        return size;
    }

    /** The .deb's SHA-256 as 64 lower-case hexadecimal digits. */
    public String sha256() {
        return sha256;
    }

    /**
     * The whole paragraph, for fields beyond the typed ones; {@code null} when the entry came from
     * {@link ControlParser#packages(java.io.InputStream)}, which skips building paragraphs for speed.
     * Use {@link ControlParser#paragraphs(java.io.InputStream)} with {@link #from(Paragraph)} to have both.
     */
    public Paragraph paragraph() {
        return paragraph;
    }

    /** Equal when the typed fields are equal; the paragraph is not compared. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PackageEntry)) {
            return false;
        }
        PackageEntry other = (PackageEntry) o;
        return size == other.size && packageName.equals(other.packageName) && version.equals(other.version)
                && architecture.equals(other.architecture) && filename.equals(other.filename)
                && sha256.equals(other.sha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(packageName, version, architecture, filename, size, sha256);
    }

    @Override
    public String toString() {
        return packageName + " " + version + " " + architecture + " " + filename + " " + size + " " + sha256;
    }
}
