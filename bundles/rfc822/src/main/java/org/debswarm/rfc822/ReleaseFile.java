package org.debswarm.rfc822;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A distribution's {@code Release} file (the signed text of {@code InRelease}): what the suite is,
 * until when it is valid, and the size and digests of every index below it
 * (<a href="https://wiki.debian.org/DebianRepository/Format#A.22Release.22_files">Debian Repository
 * Format, Release files</a>). Immutable.
 */
public final class ReleaseFile {

    private static final Map<String, Integer> DIGEST_LENGTHS =
            Map.of("md5sum", 32, "sha1", 40, "sha256", 64, "sha512", 128);

    private final Paragraph paragraph;
    private final List<String> architectures;
    private final List<String> components;
    private final Optional<Instant> date;
    private final Optional<Instant> validUntil;
    private final Map<String, FileChecksum> sha256;
    private final List<FileChecksum> sha256Files;

    private ReleaseFile(Paragraph paragraph, Optional<Instant> date, Optional<Instant> validUntil,
            Map<String, FileChecksum> sha256) {
        this.paragraph = paragraph;
        this.architectures = Fields.words(paragraph, "Architectures");
        this.components = Fields.words(paragraph, "Components");
        this.date = date;
        this.validUntil = validUntil;
        this.sha256 = sha256;
        this.sha256Files = List.copyOf(sha256.values());
    }

    /**
     * Reads a Release paragraph, validating the dates and the {@code SHA256} list.
     *
     * @throws ControlParseException if {@code Date} or {@code Valid-Until} is not an RFC 2822 date, an
     *                               {@code SHA256} entry is malformed or a path is listed twice
     */
    public static ReleaseFile from(Paragraph p) throws ControlParseException {
        Optional<Instant> date = instant(p, "Date");
        Optional<Instant> validUntil = instant(p, "Valid-Until");
        Map<String, FileChecksum> byPath = new LinkedHashMap<>();
        for (FileChecksum f : Fields.rows(p, "SHA256", Fields.SHA256)) {
            if (byPath.putIfAbsent(f.path(), f) != null) {
                throw new ControlParseException(p.line("SHA256"), "SHA256: " + f.path() + " is listed twice");
            }
        }
        return new ReleaseFile(p, date, validUntil, Collections.unmodifiableMap(byPath));
    }

    private static Optional<Instant> instant(Paragraph p, String name) throws ControlParseException {
        String value = Fields.optional(p, name);
        if (value == null) {
            return Optional.empty();
        }
        // dak writes "Sat, 11 Jul 2026 10:16:37 UTC"; java.time's RFC 1123 parser spells that zone GMT.
        String normalized = value.trim().replaceAll("\\s+", " ").replaceFirst(" (UTC|Z)$", " GMT");
        try {
            return Optional.of(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(normalized)));
        } catch (DateTimeParseException e) {
            throw new ControlParseException(p.line(name), name + ": '" + FileChecksum.abbreviate(value)
                    + "' (expected: an RFC 2822 date such as 'Sat, 11 Jul 2026 10:16:37 UTC')", e);
        }
    }

    /** {@code Origin}, or null. */
    public String origin() {
        return paragraph.field("Origin");
    }

    /** {@code Label}, or null. */
    public String label() {
        return paragraph.field("Label");
    }

    /** {@code Suite} (for example {@code oldstable}), or null. */
    public String suite() {
        return paragraph.field("Suite");
    }

    /** {@code Codename} (for example {@code bookworm}), or null. */
    public String codename() {
        return paragraph.field("Codename");
    }

    /** {@code Version} (for example {@code 12.15}), or null. */
    public String version() {
        return paragraph.field("Version");
    }

    /** {@code Date} as published, or null. */
    public String date() {
        return paragraph.field("Date");
    }

    /** {@code Date} as an instant, if present. */
    public Optional<Instant> dateInstant() {
        return date;
    }

    /** {@code Valid-Until} as published, or null (Debian's main archive publishes none). */
    public String validUntil() {
        return paragraph.field("Valid-Until");
    }

    /** {@code Valid-Until} as an instant, if present. */
    public Optional<Instant> validUntilInstant() {
        return validUntil;
    }

    /** {@code Architectures}, in published order; empty if absent. */
    public List<String> architectures() {
        return architectures;
    }

    /** {@code Components}, in published order; empty if absent. */
    public List<String> components() {
        return components;
    }

    /** Whether {@code Acquire-By-Hash: yes}: indices may be fetched from {@code by-hash/SHA256/<digest>}. */
    public boolean acquireByHash() {
        return "yes".equalsIgnoreCase(paragraph.field("Acquire-By-Hash"));
    }

    /** The {@code SHA256} list in published order; paths are relative to the Release file's directory. */
    public List<FileChecksum> sha256Files() {
        return sha256Files;
    }

    /** The {@code SHA256} entry for a path such as {@code main/binary-amd64/Packages.xz}. */
    public Optional<FileChecksum> sha256(String path) {
        return Optional.ofNullable(sha256.get(path));
    }

    /**
     * The {@code MD5Sum} list; empty if absent. Validated on demand, since the node relies on SHA-256.
     *
     * @throws ControlParseException if an entry is malformed
     */
    public List<FileHash> md5Files() throws ControlParseException {
        return fileHashes("MD5Sum");
    }

    /**
     * Any hash list by field name ({@code MD5Sum}, {@code SHA1}, {@code SHA256}, {@code SHA512}, or
     * another list of the same {@code <digest> <size> <path>} shape); empty if absent.
     *
     * @throws ControlParseException if an entry is malformed or a known digest has the wrong length
     */
    public List<FileHash> fileHashes(String field) throws ControlParseException {
        Integer digits = DIGEST_LENGTHS.get(field.toLowerCase(Locale.ROOT));
        return Fields.rows(paragraph, field, (digest, size, path) -> {
            if (digits != null && digest.length() != digits) {
                throw new IllegalArgumentException("digest '" + digest + "' has " + digest.length()
                        + " characters (expected: " + digits + ")");
            }
            return new FileHash(path, size, field, digest);
        });
    }

    /** The whole paragraph, for any other field. */
    public Paragraph paragraph() {
        return paragraph;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReleaseFile && paragraph.equals(((ReleaseFile) o).paragraph);
    }

    @Override
    public int hashCode() {
        return paragraph.hashCode();
    }

    @Override
    public String toString() {
        return "ReleaseFile[" + origin() + " " + suite() + "/" + codename() + " " + date() + ", "
                + sha256.size() + " SHA256 entries]";
    }
}
