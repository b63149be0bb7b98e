package org.debswarm.aptlistener.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.debswarm.rfc822.ControlParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows an index passing through the listener: a Release is read for its by-hash names (at once: it
 * is small and apt asks for by-hash files right after it), a {@code Packages} file is handed to the catalog
 * (in the background). Content the node has read before is not read again, so a {@code 304} costs nothing.
 * A Release read for the first time also hands the catalog the cached {@code Packages} files it lists: that
 * is how a restarted node knows its packages again before apt fetches anything new. A Release listing a new
 * version of an index the catalog holds has it refreshed ({@link IndexRefresher}), since apt may patch its
 * own copy with pdiffs instead of fetching it.
 */
final class IndexEvents {

    private static final Logger LOG = LoggerFactory.getLogger(IndexEvents.class);

    private final IndexCache cache;
    private final Catalog catalog;
    private final ReleaseNames releases;
    private final Supplier<ControlParser> parser;
    private final IndexRefresher refresher;

    IndexEvents(IndexCache cache, Catalog catalog, ReleaseNames releases, Supplier<ControlParser> parser,
            IndexRefresher refresher) {
        this.cache = cache;
        this.catalog = catalog;
        this.releases = releases;
        this.parser = parser;
        this.refresher = refresher;
    }

    /** @return the real name of an index path: itself, or what its by-hash name stands for */
    Optional<String> realName(String host, String path, boolean byHash) {
        return byHash ? releases.realName(host, path) : Optional.of(path);
    }

    /** An index was fetched, revalidated or served from the cache. */
    void passed(CachedIndex index, boolean byHash) {
        Optional<String> real = realName(index.host(), index.path(), byHash);
        if (real.isEmpty()) {
            return;
        }
        if (ArchivePath.isRelease(real.get())) {
            readRelease(index);
        } else if (ArchivePath.isPackagesIndex(real.get())) {
            catalog.ensureParsed(index.host(), real.get(), index.file(), index.sha256());
        }
    }

    private void readRelease(CachedIndex index) {
        ControlParser p = parser.get();
        if (p == null || releases.isCurrent(index.host(), index.path(), index.sha256())) {
            return;
        }
        try {
            ReleaseNames.Contents release = releases.read(p, index.host(), index.path(), index.file(), index.sha256());
            for (ReleaseNames.Listed l : release.listed()) {
                if (ArchivePath.isPackagesIndex(l.realPath()) && !catalogCached(index.host(), l)) {
                    refresher.refreshIfStale(index.host(), l, release.acquireByHash());
                }
            }
        } catch (Exception e) {
            LOG.warn("Cannot read {}/{} for its by-hash names: {}", index.host(), index.path(), e.toString());
        }
    }

    /** @return whether the cache holds this version of the index, now handed to the catalog */
    private boolean catalogCached(String host, ReleaseNames.Listed listed) {
        Optional<CachedIndex> copy = cache.get(host, listed.realPath())
                .filter(c -> c.sha256().equals(listed.sha256()))
                .or(() -> cache.get(host, listed.byHashPath()).filter(c -> c.sha256().equals(listed.sha256())));
        copy.ifPresent(c -> catalog.ensureParsed(host, listed.realPath(), c.file(), c.sha256()));
        return copy.isPresent();
    }

    /**
     * Run at start, in the background: deletes temporary files older than {@code staleAfter}, then reads every
     * cached Release file, which catalogues the cached indices they list.
     */
    void warmUp(java.time.Duration staleAfter) {
        cache.sweepTemporaries(staleAfter);
        Path root = cache.root();
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root, 12)) {
            files.filter(f -> ArchivePath.isRelease(f.getFileName().toString()))
                    .map(root::relativize)
                    .filter(r -> r.getNameCount() >= 2 && !r.getName(0).toString().startsWith("."))
                    .forEach(r -> cache.get(r.getName(0).toString(), r.subpath(1, r.getNameCount()).toString().replace('\\', '/'))
                            .ifPresent(c -> passed(c, false)));
        } catch (Exception e) {
            LOG.warn("Cannot read the index cache {} at start: {}", root, e.toString());
        }
    }
}
