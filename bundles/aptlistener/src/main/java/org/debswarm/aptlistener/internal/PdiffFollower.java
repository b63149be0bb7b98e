package org.debswarm.aptlistener.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.debswarm.aptlistener.PackagesIndex;
import org.debswarm.rfc822.ControlParser;
import org.debswarm.rfc822.DiffIndex;
import org.debswarm.rfc822.FileChecksum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the node's own copy of an index up to date through its pdiffs
 * (<a href="https://wiki.debian.org/DebianRepository/Format#diffs">Packages.diff</a>), as apt does: reads
 * {@code <source>.diff/Index} (checked against the verified Release), finds the node's copy in
 * {@code SHA256-History}, fetches each patch ({@code .gz}, checked against {@code SHA256-Download}, then
 * decompressed and checked against {@code SHA256-Patches}), applies it with {@link EdPatch} and checks each
 * result: a merged patch ({@code T-<new>-F-<old>}) must give {@code SHA256-Current} at once, a chain of
 * unmerged ones each the next {@code History} entry. The end result must match {@code SHA256-Current} and the
 * Release. Any mismatch is an {@link IOException}: the caller then fetches the whole index.
 */
final class PdiffFollower {

    private static final Logger LOG = LoggerFactory.getLogger(PdiffFollower.class);

    /** More than any real patch (a day of bookworm's amd64 changes: a few hundred KB). */
    static final long MAX_PATCH_BYTES = 64L << 20;
    /** More patches than an Index lists (dak keeps 56). */
    static final int MAX_PATCHES = 200;

    private final IndexCache cache;
    private final PlainCopies plain;
    private final IndexFetcher fetcher;
    private final Supplier<ControlParser> parser;

    PdiffFollower(IndexCache cache, PlainCopies plain, IndexFetcher fetcher, Supplier<ControlParser> parser) {
        this.cache = cache;
        this.plain = plain;
        this.fetcher = fetcher;
        this.parser = parser;
    }

    /**
     * @param current the catalogued version of the index
     * @param release what the verified Release lists
     * @return the new plain copy, or empty if the Release lists no pdiff Index for this source
     * @throws IOException if the copy cannot be patched to the version the Release lists
     */
    Optional<PlainCopies.Copy> follow(String host, PackagesIndex current, ReleaseNames.Contents release)
            throws IOException {
        String source = current.source();
        Optional<ReleaseNames.Listed> indexEntry = listed(release, source + ".diff/Index");
        if (indexEntry.isEmpty()) {
            return Optional.empty();
        }
        ControlParser p = parser.get();
        if (p == null) {
            throw new IOException("no ControlParser service");
        }
        ReleaseNames.Listed l = indexEntry.get();
        CachedIndex indexFile = fetcher.fetch(host, release.acquireByHash() ? l.byHashPath() : l.realPath(),
                l.sha256(), l.size());
        DiffIndex diffs;
        try (InputStream in = Files.newInputStream(indexFile.file())) {
            diffs = p.diffIndex(in);
        }
        PlainCopies.Copy base = base(host, source, current);
        Optional<String> target = listed(release, source).map(ReleaseNames.Listed::sha256);
        if (target.isPresent() && !target.get().equals(diffs.current().sha256())) {
            throw new IOException(source + ".diff/Index gives SHA256-Current " + diffs.current().sha256()
                    + " (expected: " + target.get() + " as the Release says)");
        }
        PlainCopies.Copy result = apply(host, source, base, diffs);
        LOG.info("Followed {}/{} through its pdiffs to {}", host, source, result.sha256());
        return Optional.of(result);
    }

    private PlainCopies.Copy base(String host, String source, PackagesIndex current) throws IOException {
        Optional<PlainCopies.Copy> copy = plain.find(host, source);
        if (copy.isPresent() && current.path().equals(source) && copy.get().sha256().equals(current.sha256())) {
            return copy.get();
        }
        CachedIndex published = cache.get(host, current.path()).filter(c -> c.sha256().equals(current.sha256()))
                .or(() -> cache.byContent(host, current.sha256()))
                .orElseThrow(() -> new IOException("the cache no longer holds " + current.path()));
        return plain.decode(host, source, new CachedIndex(host, current.path(), published.file(), published.size(),
                published.sha256(), null, null, published.fetchedAt()));
    }

    private PlainCopies.Copy apply(String host, String source, PlainCopies.Copy base, DiffIndex diffs)
            throws IOException {
        List<FileChecksum> history = diffs.history();
        if (base.sha256().equals(diffs.current().sha256())) {
            return base;
        }
        if (history.size() > MAX_PATCHES) {
            throw new IOException(history.size() + " patches (expected: <= " + MAX_PATCHES + ")");
        }
        int start = -1;
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i).sha256().equals(base.sha256())) {
                start = i;
            }
        }
        if (start < 0) {
            throw new IOException("the node's copy " + base.sha256() + " is not in the SHA256-History of "
                    + source + ".diff/Index (too old)");
        }
        PlainCopies.Copy now = base;
        for (int i = start; i < history.size(); i++) {
            Path next = cache.newTemporary();
            try {
                String sha = applyOne(host, source, history.get(i).path(), diffs, now.file(), next);
                boolean last = sha.equals(diffs.current().sha256());
                if (!last && (i + 1 >= history.size() || !sha.equals(history.get(i + 1).sha256()))) {
                    throw new IOException("patch " + history.get(i).path() + " gave " + sha
                            + " (expected: the next SHA256-History entry or SHA256-Current)");
                }
                now = plain.keep(host, source, next, sha);
                if (last) {
                    return now;
                }
            } finally {
                Files.deleteIfExists(next);
            }
        }
        throw new IOException("the patches of " + source + ".diff/Index do not reach SHA256-Current");
    }

    /** @return the SHA-256 of the result of applying patch {@code name} to {@code in}, written to {@code out} */
    private String applyOne(String host, String source, String name, DiffIndex diffs, Path in, Path out)
            throws IOException {
        FileChecksum patch = find(diffs.patches(), name, "SHA256-Patches");
        FileChecksum download = find(diffs.download(), name + ".gz", "SHA256-Download");
        if (patch.size() > MAX_PATCH_BYTES) {
            throw new IOException("patch " + name + " of " + patch.size() + " bytes (expected: <= " + MAX_PATCH_BYTES + ")");
        }
        CachedIndex gz = fetcher.fetch(host, source + ".diff/" + download.path(), download.sha256(), download.size());
        MessageDigest patchDigest = PackagesReading.sha256();
        EdPatch ed;
        try (InputStream raw = new DigestInputStream(new GzipCompressorInputStream(new BufferedInputStream(
                Files.newInputStream(gz.file())), true), patchDigest)) {
            ed = EdPatch.parse(raw, patch.size());
            raw.transferTo(OutputStream.nullOutputStream());
        }
        String patchSha = HexFormat.of().formatHex(patchDigest.digest());
        if (!patchSha.equals(patch.sha256())) {
            throw new IOException("patch " + name + " has SHA-256 " + patchSha + " (expected: " + patch.sha256() + ")");
        }
        MessageDigest result = PackagesReading.sha256();
        try (InputStream input = new BufferedInputStream(Files.newInputStream(in), 65536);
                OutputStream output = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(out), 65536),
                        result)) {
            ed.apply(input, output);
        }
        return HexFormat.of().formatHex(result.digest());
    }

    private static FileChecksum find(List<FileChecksum> list, String name, String field) throws IOException {
        return list.stream().filter(f -> f.path().equals(name)).findFirst()
                .orElseThrow(() -> new IOException("no " + field + " entry for " + name));
    }

    private static Optional<ReleaseNames.Listed> listed(ReleaseNames.Contents release, String realPath) {
        return release.listed().stream().filter(l -> l.realPath().equals(realPath)).findFirst();
    }
}
