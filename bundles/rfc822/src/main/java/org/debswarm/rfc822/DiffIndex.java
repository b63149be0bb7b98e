package org.debswarm.rfc822;

import java.util.List;

/**
 * A pdiff {@code Index} ({@code Packages.diff/Index}, {@code Sources.diff/Index}, ...): the digest of
 * the current index and the ed-style patches that lead to it
 * (<a href="https://wiki.debian.org/DebianRepository/Format">Debian Repository Format</a>, section
 * "diffs").
 * Immutable.
 *
 * <p>Each {@code History} entry is the index a patch applies to ({@code <sha256> <size> <name>}); each
 * {@code Patches} entry the uncompressed patch; each {@code Download} entry the file to fetch
 * ({@code <name>.gz}). dak publishes merged patches ({@code T-<to>-F-<from>}) in the plain fields and
 * the older per-run ones in the {@code X-Unmerged-} variants.
 */
public final class DiffIndex {

    private final Paragraph paragraph;
    private final FileChecksum current;
    private final List<FileChecksum> history;
    private final List<FileChecksum> patches;
    private final List<FileChecksum> download;
    private final List<FileChecksum> unmergedHistory;
    private final List<FileChecksum> unmergedPatches;
    private final List<FileChecksum> unmergedDownload;

    private DiffIndex(Paragraph p) throws ControlParseException {
        this.paragraph = p;
        this.current = Fields.digestAndSize(p, "SHA256-Current");
        this.history = Fields.rows(p, "SHA256-History", Fields.SHA256);
        this.patches = Fields.rows(p, "SHA256-Patches", Fields.SHA256);
        this.download = Fields.rows(p, "SHA256-Download", Fields.SHA256);
        this.unmergedHistory = Fields.rows(p, "X-Unmerged-SHA256-History", Fields.SHA256);
        this.unmergedPatches = Fields.rows(p, "X-Unmerged-SHA256-Patches", Fields.SHA256);
        this.unmergedDownload = Fields.rows(p, "X-Unmerged-SHA256-Download", Fields.SHA256);
    }

    /**
     * Reads an Index paragraph; {@code SHA256-Current} is required, the lists may be absent (empty).
     *
     * @throws ControlParseException if {@code SHA256-Current} is missing or an entry is malformed
     */
    public static DiffIndex from(Paragraph p) throws ControlParseException {
        if (!p.has("SHA256-Current")) {
            throw new ControlParseException(p.firstLine(), "paragraph has no SHA256-Current field");
        }
        return new DiffIndex(p);
    }

    /** {@code SHA256-Current}: digest and size of the index as it is now (the path is empty). */
    public FileChecksum current() {
        return current;
    }

    /** {@code SHA256-History}: the index each patch applies to, oldest first. */
    public List<FileChecksum> history() {
        return history;
    }

    /** {@code SHA256-Patches}: the uncompressed patches. */
    public List<FileChecksum> patches() {
        return patches;
    }

    /** {@code SHA256-Download}: the compressed patch files to fetch, named {@code <patch>.gz}. */
    public List<FileChecksum> download() {
        return download;
    }

    /** {@code X-Unmerged-SHA256-History}. */
    public List<FileChecksum> unmergedHistory() {
        return unmergedHistory;
    }

    /** {@code X-Unmerged-SHA256-Patches}. */
    public List<FileChecksum> unmergedPatches() {
        return unmergedPatches;
    }

    /** {@code X-Unmerged-SHA256-Download}. */
    public List<FileChecksum> unmergedDownload() {
        return unmergedDownload;
    }

    /** {@code X-Patch-Precedence} (dak writes {@code merged}), or null. */
    public String patchPrecedence() {
        return paragraph.field("X-Patch-Precedence");
    }

    /** The whole paragraph, for any other field. */
    public Paragraph paragraph() {
        return paragraph;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DiffIndex && paragraph.equals(((DiffIndex) o).paragraph);
    }

    @Override
    public int hashCode() {
        return paragraph.hashCode();
    }

    @Override
    public String toString() {
        return "DiffIndex[current " + current + ", " + patches.size() + " patches, "
                + unmergedPatches.size() + " unmerged]";
    }
}
