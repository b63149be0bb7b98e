package org.debswarm.rfc822;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One source package in a {@code Sources} index: where its files live and their SHA-256 digests
 * (<a href="https://wiki.debian.org/DebianRepository/Format#A.22Sources.22_Indices">Debian Repository
 * Format, Sources indices</a>). Immutable.
 */
public final class SourceEntry {

    private final String packageName;
    private final String version;
    private final String directory;
    private final List<FileChecksum> files;
    private final Paragraph paragraph;

    /**
     * @param packageName the {@code Package} field (a {@code .dsc}'s {@code Source}), not empty
     * @param version     the {@code Version} field, not empty
     * @param directory   the {@code Directory} field: a relative path below the mirror root
     * @param files       the {@code Checksums-Sha256} entries, paths relative to {@code directory}
     * @param paragraph   the whole paragraph, or {@code null}
     * @throws IllegalArgumentException if a value is invalid
     */
    public SourceEntry(String packageName, String version, String directory, List<FileChecksum> files,
            Paragraph paragraph) {
        if (packageName.isEmpty() || version.isEmpty()) {
            throw new IllegalArgumentException("empty Package or Version");
        }
        this.packageName = packageName;
        this.version = version;
        this.directory = FileChecksum.checkPath(directory);
        this.files = List.copyOf(files);
        this.paragraph = paragraph;
    }

    /**
     * Reads the typed fields of a {@code Sources} paragraph. {@code Package} is taken from
     * {@code Source} when absent, as in a {@code .dsc}; {@code Checksums-Sha256} is required.
     *
     * @throws ControlParseException if a field is missing or invalid, naming its line
     */
    public static SourceEntry from(Paragraph p) throws ControlParseException {
        String name = p.has("Package") ? Fields.required(p, "Package") : Fields.required(p, "Source");
        String version = Fields.required(p, "Version");
        String directory = Fields.required(p, "Directory");
        if (!p.has("Checksums-Sha256")) {
            throw new ControlParseException(p.firstLine(), "paragraph has no Checksums-Sha256 field");
        }
        List<FileChecksum> files = Fields.rows(p, "Checksums-Sha256", Fields.SHA256);
        try {
            return new SourceEntry(name, version, directory, files, p);
        } catch (IllegalArgumentException e) {
            throw new ControlParseException(p.firstLine(), "source " + name + ": " + e.getMessage(), e);
        }
    }

    public String packageName() {
        return packageName;
    }

    public String version() {
        return version;
    }

    /** The {@code Directory}: where the files are, relative to the mirror root. */
    public String directory() {
        return directory;
    }

    /** The {@code Checksums-Sha256} entries as published: paths relative to {@link #directory()}. */
    public List<FileChecksum> files() {
        return files;
    }

    /** The same entries with paths relative to the mirror root ({@code directory/name}). */
    public List<FileChecksum> archiveFiles() {
        List<FileChecksum> result = new ArrayList<>(files.size());
        for (FileChecksum f : files) {
            result.add(new FileChecksum(directory + "/" + f.path(), f.size(), f.sha256()));
        }
        return Collections.unmodifiableList(result);
    }

    /** The whole paragraph, or {@code null} if the entry was built without one. */
    public Paragraph paragraph() {
        return paragraph;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SourceEntry)) {
            return false;
        }
        SourceEntry other = (SourceEntry) o;
        return packageName.equals(other.packageName) && version.equals(other.version)
                && directory.equals(other.directory) && files.equals(other.files);
    }

    @Override
    public int hashCode() {
        return Objects.hash(packageName, version, directory, files);
    }

    @Override
    public String toString() {
        return packageName + " " + version + " " + directory + " " + files;
    }
}
