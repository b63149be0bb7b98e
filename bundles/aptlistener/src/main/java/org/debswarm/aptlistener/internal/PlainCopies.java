package org.debswarm.aptlistener.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

import org.debswarm.storage.FileKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's own uncompressed copy of each index it follows through pdiffs, under
 * {@code <cache>/.plain/<host>/<source>/<sha256>}: the file name is the SHA-256 of its content, written only
 * after that was checked, so a copy found there is what its name says. One copy per source: a new one replaces
 * the old.
 */
final class PlainCopies {

    private static final Logger LOG = LoggerFactory.getLogger(PlainCopies.class);

    /** A plain copy and its SHA-256. */
    record Copy(Path file, String sha256) {
    }

    private final Path root;
    private final IndexCache cache;

    PlainCopies(IndexCache cache) {
        this.cache = cache;
        this.root = cache.root().resolve(".plain");
    }

    /** @return the plain copy of {@code source} ({@code .../Packages}, no compression suffix), if any */
    Optional<Copy> find(String host, String source) {
        Path folder = folder(host, source);
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().matches("[0-9a-f]{64}")).findFirst()
                    .map(f -> new Copy(f, f.getFileName().toString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Decodes a cached published index ({@code .xz}, {@code .gz}...) into the plain copy of its source. */
    Copy decode(String host, String source, CachedIndex published) throws IOException {
        Path temporary = cache.newTemporary();
        try (InputStream in = PackagesReading.decoded(published.path(), new java.io.BufferedInputStream(
                Files.newInputStream(published.file()), 65536))) {
            return keep(host, source, temporary, write(in, temporary));
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** @return the SHA-256 of what was written from {@code in} to {@code file} */
    static String write(InputStream in, Path file) throws IOException {
        MessageDigest digest = PackagesReading.sha256();
        try (OutputStream out = new DigestOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(file),
                65536), digest)) {
            in.transferTo(out);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Moves a checked plain file into place as the copy of {@code source}, replacing older ones. */
    Copy keep(String host, String source, Path temporary, String sha256) throws IOException {
        Path folder = folder(host, source);
        Files.createDirectories(folder);
        Path target = folder.resolve(sha256);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(f -> !f.equals(target)).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    LOG.debug("Cannot delete the old copy {}: {}", f, e.toString());
                }
            });
        }
        return new Copy(target, sha256);
    }

    private Path folder(String host, String source) {
        Path hostDir = root.resolve(FileKey.checkHost(host));
        Path folder = hostDir.resolve(FileKey.checkPath(source)).normalize();
        if (!folder.startsWith(hostDir)) {
            throw new IllegalArgumentException("source " + source + " leaves the plain copies of " + host);
        }
        return folder;
    }
}
