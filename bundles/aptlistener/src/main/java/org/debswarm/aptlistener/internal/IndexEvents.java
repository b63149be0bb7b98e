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
 * What follows an index passing through the listener. A Release is read at once (it is small and apt asks
 * for by-hash files right after it) and its signature checked: an {@code InRelease} by its own armor, a
 * {@code Release} by the {@code Release.gpg} that follows it. A {@code Packages} or {@code Sources} file is
 * handed to the catalog (in the background) only when a verified Release lists it with that very digest: an
 * index whose signature does not verify still reaches apt, which decides, but the node makes no torrents
 * from it and verifies no file by it. Content read before is not read again, so a {@code 304} costs nothing.
 * A verified Release read for the first time also hands the catalog the cached indices it lists (how a
 * restarted node knows its packages again), and has every catalogued index it lists in a new version
 * brought up to date ({@link IndexRefresher}), since apt may patch its own copy with pdiffs instead.
 */
final class IndexEvents {

    private static final Logger LOG = LoggerFactory.getLogger(IndexEvents.class);

    private final IndexCache cache;
    private final Catalog catalog;
    private final ReleaseNames releases;
    private final ReleaseReader reader;
    private final Supplier<ControlParser> parser;
    private final IndexRefresher refresher;

    IndexEvents(IndexCache cache, Catalog catalog, ReleaseNames releases, ReleaseReader reader,
            Supplier<ControlParser> parser, IndexRefresher refresher) {
        this.cache = cache;
        this.catalog = catalog;
        this.releases = releases;
        this.reader = reader;
        this.parser = parser;
        this.refresher = refresher;
    }

    /** @return the real name of an index path: itself, or what its by-hash name stands for */
    Optional<String> realName(String host, String path, boolean byHash) {
        return byHash ? releases.realName(host, path) : Optional.of(path);
    }

    /** @return what the newest Release read for {@code host} says the index at {@code realPath} is */
    Optional<ReleaseNames.Listed> listed(String host, String realPath) {
        return releases.listed(host, realPath);
    }

    /** @return whether the newest Release listing it may be fetched by hash */
    boolean byHash(String host, String realPath) {
        return releases.byHash(host, realPath);
    }

    /** An index was fetched, revalidated or served from the cache. */
    void passed(CachedIndex index, boolean byHash) {
        cache.remember(index);
        Optional<String> real = realName(index.host(), index.path(), byHash);
        if (real.isEmpty()) {
            return;
        }
        String path = real.get();
        if (ArchivePath.isRelease(path)) {
            readRelease(index, false);
        } else if (path.endsWith("/Release.gpg") || path.equals("Release.gpg")) {
            String release = path.substring(0, path.length() - ".gpg".length());
            cache.get(index.host(), release).ifPresent(r -> readRelease(r, true));
        } else if (ArchivePath.isCatalogued(path)) {
            if (releases.trusts(index.host(), path, index.sha256())) {
                catalog.ensureParsed(index.host(), path, index.file(), index.sha256());
            } else {
                LOG.debug("{}/{} is not listed by a verified Release: served, not catalogued", index.host(), path);
            }
        }
    }

    private void readRelease(CachedIndex index, boolean signatureChanged) {
        ControlParser p = parser.get();
        if (p == null || (!signatureChanged && releases.isCurrent(index.host(), index.path(), index.sha256()))) {
            return;
        }
        try {
            Optional<Path> signature = index.path().endsWith("InRelease") ? Optional.empty()
                    : cache.get(index.host(), index.path() + ".gpg").map(CachedIndex::file);
            ReleaseReader.Result read = reader.read(p, index.host(), index.path(), index.file(), signature);
            boolean verified = read.verdict().good();
            ReleaseNames.Contents release = releases.record(index.host(), index.path(), index.sha256(), read.release(),
                    verified);
            if (!verified) {
                if (signature.isPresent() || index.path().endsWith("InRelease")) {
                    LOG.warn("{}/{}: {}; its indices are served to apt but make no torrents and verify no file"
                            + " (trusted keys: mirrorKeyrings or keyrings of {})", index.host(), index.path(),
                            read.verdict().detail(), AptListener.PID);
                }
                return;
            }
            LOG.debug("{}/{}: {}", index.host(), index.path(), read.verdict().detail());
            for (ReleaseNames.Listed l : release.listed()) {
                if (ArchivePath.isCatalogued(l.realPath())) {
                    catalogCached(index.host(), l);
                    refresher.refreshIfStale(index.host(), l, release);
                }
            }
        } catch (Exception e) {
            LOG.warn("Cannot read {}/{}: {}", index.host(), index.path(), e.toString());
        }
    }

    /** Hands the catalog the cached copy of this version of the index, if the cache holds one. */
    private void catalogCached(String host, ReleaseNames.Listed listed) {
        cache.get(host, listed.realPath()).filter(c -> c.sha256().equals(listed.sha256()))
                .or(() -> cache.get(host, listed.byHashPath()).filter(c -> c.sha256().equals(listed.sha256())))
                .ifPresent(c -> {
                    cache.remember(c);
                    catalog.ensureParsed(host, listed.realPath(), c.file(), c.sha256());
                });
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
