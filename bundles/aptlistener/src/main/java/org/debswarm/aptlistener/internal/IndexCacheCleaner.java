package org.debswarm.aptlistener.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Old index versions leave the cache as the store's old packages do, unlisted first: when a new verified Release
 * is read, the by-hash copies in its tree that neither it nor the Release read before it lists are deleted (apt
 * clients that fetched the previous Release may still ask for its indices), and in each folder of plain copies
 * made by following pdiffs only the newest and those the two Releases list stay. Files under their plain names
 * are replaced by each fetch, so there is one version of each.
 */
final class IndexCacheCleaner {

    private static final Logger LOG = LoggerFactory.getLogger(IndexCacheCleaner.class);

    private final IndexCache cache;

    IndexCacheCleaner(IndexCache cache) {
        this.cache = cache;
    }

    /**
     * @param releasePath the Release's path relative to the host; its folder is the tree cleaned
     * @param current     what the new, verified Release lists
     * @param previous    what the Release read before it at that path listed, if any
     * @return how many files were deleted
     */
    int afterRelease(String host, String releasePath, ReleaseNames.Contents current,
            Optional<ReleaseNames.Contents> previous) {
        Set<String> keep = new HashSet<>();
        current.listed().forEach(l -> keep.add(l.sha256()));
        previous.ifPresent(p -> p.listed().forEach(l -> keep.add(l.sha256())));
        String dir = releasePath.contains("/") ? releasePath.substring(0, releasePath.lastIndexOf('/')) : "";
        int deleted = 0;
        try {
            deleted += byHash(host, dir, keep);
            deleted += plainCopies(host, dir, keep);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cleaning the index cache of {}/{} failed: {}", host, dir, e.toString());
        }
        if (deleted > 0) {
            LOG.info("Index cache of {}/{}: {} old version(s) deleted", host, dir, deleted);
        }
        return deleted;
    }

    private int byHash(String host, String dir, Set<String> keep) throws IOException {
        Path hostRoot = cache.root().resolve(host);
        Path tree = dir.isEmpty() ? hostRoot : hostRoot.resolve(dir);
        if (!Files.isDirectory(tree)) {
            return 0;
        }
        List<Path> old;
        try (Stream<Path> files = Files.walk(tree)) {
            old = files.filter(IndexCacheCleaner::isByHashCopy)
                    .filter(f -> !keep.contains(f.getFileName().toString().toLowerCase(java.util.Locale.ROOT)))
                    .toList();
        }
        for (Path f : old) {
            cache.remove(host, hostRoot.relativize(f).toString().replace('\\', '/'));
        }
        return old.size();
    }

    private static boolean isByHashCopy(Path f) {
        Path parent = f.getParent();
        return parent != null && parent.getFileName().toString().equals("SHA256") && parent.getParent() != null
                && parent.getParent().getFileName().toString().equals("by-hash") && Files.isRegularFile(f);
    }

    private int plainCopies(String host, String dir, Set<String> keep) throws IOException {
        Path tree = cache.root().resolve(".plain").resolve(host);
        tree = dir.isEmpty() ? tree : tree.resolve(dir);
        if (!Files.isDirectory(tree)) {
            return 0;
        }
        List<Path> folders;
        try (Stream<Path> paths = Files.walk(tree)) {
            folders = paths.filter(Files::isDirectory).toList();
        }
        int deleted = 0;
        for (Path folder : folders) {
            List<Path> copies;
            try (Stream<Path> files = Files.list(folder)) {
                copies = files.filter(Files::isRegularFile)
                        .sorted(Comparator.comparing(IndexCacheCleaner::modified).reversed()).toList();
            }
            for (Path copy : copies.subList(Math.min(1, copies.size()), copies.size())) {
                if (!keep.contains(copy.getFileName().toString()) && Files.deleteIfExists(copy)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    private static FileTime modified(Path f) {
        try {
            return Files.getLastModifiedTime(f);
        } catch (NoSuchFileException e) {
            return FileTime.fromMillis(0);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
