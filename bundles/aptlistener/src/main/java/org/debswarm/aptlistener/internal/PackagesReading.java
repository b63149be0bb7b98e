package org.debswarm.aptlistener.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.lzma.LZMACompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.debswarm.aptlistener.IndexEntry;
import org.debswarm.aptlistener.PackagesIndex;
import org.debswarm.rfc822.ControlParser;
import org.debswarm.rfc822.PackageEntry;
import org.debswarm.rfc822.PackageReader;
import org.debswarm.rfc822.SourceEntry;
import org.debswarm.rfc822.SourceReader;
import org.debswarm.rfc822.FileChecksum;
import org.debswarm.storage.FileKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one {@code Packages} file as published (plain, {@code .xz}, {@code .gz} or {@code .bz2}, decoded with
 * Commons Compress) into a {@link PackagesIndex}. Each {@code Filename} is joined to the index's archive root
 * so that its path is relative to the host, like the request paths apt sends.
 */
final class PackagesReading {

    /** More entries than any real index has (bookworm main amd64: about 64,000): a bound on memory. */
    static final int MAX_ENTRIES = 1_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(PackagesReading.class);

    private PackagesReading() {
    }

    /** The parsed index with its entries by path, for the catalog's look-ups. */
    record Parsed(PackagesIndex index, Map<String, IndexEntry> byPath) {
    }

    /**
     * @param host the mirror host
     * @param indexPath the real name of the index (not a by-hash name): its suffix says the compression
     * @param file the file as published
     * @throws IOException if the file cannot be read, decoded or parsed, or has too many entries
     */
    static Parsed read(ControlParser parser, String host, String indexPath, Path file) throws IOException {
        if (ArchivePath.isSourcesIndex(indexPath)) {
            return readSources(parser, host, indexPath, file);
        }
        MessageDigest sha256 = sha256();
        String root = ArchivePath.archiveRoot(indexPath);
        List<IndexEntry> entries = new ArrayList<>();
        Map<String, IndexEntry> byPath = new HashMap<>();
        Map<String, String> architectures = new HashMap<>();
        int skipped = 0;
        try (DigestInputStream digest = new DigestInputStream(Files.newInputStream(file), sha256);
                PackageReader reader = parser.packages(decoded(indexPath, new BufferedInputStream(digest, 65536)))) {
            for (PackageEntry e = reader.next(); e != null; e = reader.next()) {
                IndexEntry entry = entry(host, root, e, architectures);
                if (entry == null) {
                    skipped++;
                } else if (entries.size() >= MAX_ENTRIES) {
                    throw new IOException(indexPath + " has more than " + MAX_ENTRIES + " entries");
                } else {
                    entries.add(entry);
                    byPath.put(entry.key().path(), entry);
                }
            }
            digest.transferTo(java.io.OutputStream.nullOutputStream()); // trailing bytes still count for the file's identity
        }
        if (skipped > 0) {
            LOG.warn("{}/{}: skipped {} entries whose Filename cannot be stored", host, indexPath, skipped);
        }
        String hex = HexFormat.of().formatHex(sha256.digest());
        return new Parsed(new PackagesIndex(host, indexPath, hex, Instant.now(), entries), byPath);
    }

    /**
     * Reads a {@code Sources} index: every file of its {@code Checksums-Sha256} lists ({@code .dsc}, orig and
     * debian tarballs) becomes an entry of architecture {@link IndexEntry#SOURCE}, its path the
     * {@code Directory} joined with the file name. A file listed by several paragraphs (an orig tarball shared
     * by two versions) is one entry.
     */
    static Parsed readSources(ControlParser parser, String host, String indexPath, Path file) throws IOException {
        MessageDigest sha256 = sha256();
        String root = ArchivePath.archiveRoot(indexPath);
        List<IndexEntry> entries = new ArrayList<>();
        Map<String, IndexEntry> byPath = new HashMap<>();
        int skipped = 0;
        try (DigestInputStream digest = new DigestInputStream(Files.newInputStream(file), sha256);
                SourceReader reader = parser.sources(decoded(indexPath, new BufferedInputStream(digest, 65536)))) {
            for (SourceEntry e = reader.next(); e != null; e = reader.next()) {
                for (FileChecksum f : e.archiveFiles()) {
                    IndexEntry entry = entry(host, root, f.path(), f.size(), f.sha256(), IndexEntry.SOURCE);
                    if (entry == null) {
                        skipped++;
                    } else if (entries.size() >= MAX_ENTRIES) {
                        throw new IOException(indexPath + " has more than " + MAX_ENTRIES + " entries");
                    } else if (byPath.putIfAbsent(entry.key().path(), entry) == null) {
                        entries.add(entry);
                    }
                }
            }
            digest.transferTo(java.io.OutputStream.nullOutputStream());
        }
        if (skipped > 0) {
            LOG.warn("{}/{}: skipped {} files whose name cannot be stored", host, indexPath, skipped);
        }
        String hex = HexFormat.of().formatHex(sha256.digest());
        return new Parsed(new PackagesIndex(host, indexPath, hex, Instant.now(), entries), byPath);
    }

    private static IndexEntry entry(String host, String root, PackageEntry e, Map<String, String> architectures) {
        return entry(host, root, e.filename(), e.size(), e.sha256(), architectures.computeIfAbsent(e.architecture(), a -> a));
    }

    private static IndexEntry entry(String host, String root, String name, long size, String sha256, String architecture) {
        String filename = name;
        while (filename.startsWith("./")) {
            filename = filename.substring(2);
        }
        try {
            FileKey key = new FileKey(host, root.isEmpty() ? filename : root + "/" + filename, size, sha256);
            return new IndexEntry(key, architecture);
        } catch (IllegalArgumentException bad) {
            return null;
        }
    }

    /** @return the stream decoded as the file name's suffix says */
    static InputStream decoded(String name, InputStream in) throws IOException {
        if (name.endsWith(".xz")) {
            return new XZCompressorInputStream(in, true);
        }
        if (name.endsWith(".gz")) {
            return new GzipCompressorInputStream(in, true);
        }
        if (name.endsWith(".bz2")) {
            return new BZip2CompressorInputStream(in, true);
        }
        if (name.endsWith(".lzma")) {
            return new LZMACompressorInputStream(in);
        }
        return in;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
