package org.debswarm.aptlistener.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * What passes while no {@code ControlParser} is bound is handled once one is ({@link WaitingForParser}).
 */
final class IndexEvents {

    private static final Logger LOG = LoggerFactory.getLogger(IndexEvents.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    /** A Release read longer than this is stuck: what follows is judged by what was read before. */
    static final long RELEASE_WAIT_SECONDS = 30;

    private final IndexCache cache;
    private final Catalog catalog;
    private final ReleaseNames releases;
    private final ReleaseReader reader;
    private final Supplier<ControlParser> parser;
    private final IndexRefresher refresher;
    private final WaitingForParser waiting;
    private final IndexCounters counters;
    private final IndexCacheCleaner cleaner;
    /** The Release of each host being read after apt got it ({@link #passedAfterwards}); hosts of the allow list. */
    private final Map<String, CompletableFuture<Void>> releaseReads = new ConcurrentHashMap<>();

    IndexEvents(IndexCache cache, Catalog catalog, ReleaseNames releases, ReleaseReader reader,
            Supplier<ControlParser> parser, IndexRefresher refresher, IndexCounters counters) {
        this.cache = cache;
        this.catalog = catalog;
        this.releases = releases;
        this.reader = reader;
        this.parser = parser;
        this.refresher = refresher;
        this.waiting = new WaitingForParser(catalog);
        this.counters = counters;
        this.cleaner = new IndexCacheCleaner(cache);
    }

    /** @return the real name of an index path: itself, or what its by-hash name stands for */
    Optional<String> realName(String host, String path, boolean byHash) {
        return byHash ? releases.realName(host, path) : Optional.of(path);
    }

    /**
     * @return what the newest Release read for {@code host} says the index at {@code realPath} is; waits first
     *         (bounded) for a Release of that host still being read ({@link #passedAfterwards})
     */
    Optional<ReleaseNames.Listed> listed(String host, String realPath) {
        awaitRelease(host);
        return releases.listed(host, realPath);
    }

    /**
     * @return what a by-hash name stands for, if the newest Release that lists its real name verified (signed by
     *         a trusted key) and lists it with that content; waits as {@link #listed}
     */
    Optional<ReleaseNames.Listed> verifiedByHash(String host, String byHashPath) {
        awaitRelease(host);
        return verifiedByHashNow(host, byHashPath);
    }

    /** As {@link #verifiedByHash}, from the Releases read so far, without waiting. */
    Optional<ReleaseNames.Listed> verifiedByHashNow(String host, String byHashPath) {
        return releases.realName(host, byHashPath).flatMap(real -> releases.listed(host, real))
                .filter(l -> l.byHashPath().equals(byHashPath) && releases.trusts(host, l.realPath(), l.sha256()));
    }

    /** @return whether the newest Release listing it may be fetched by hash (waits as {@link #listed}) */
    boolean byHash(String host, String realPath) {
        awaitRelease(host);
        return releases.byHash(host, realPath);
    }

    /**
     * A Release that apt gets whole before it is read here: reading it (its signature check takes a fresh node
     * about a second) would otherwise hold up apt's next request on the same connection, since the container
     * reads that request only once this one returns. Call before apt has the last byte: from then on, until
     * {@code executor} has read it, every look-up and pass of that host waits for it (bounded), so nothing apt
     * asks next is judged by an older Release.
     *
     * @return runs the pass on {@code executor}; call it once apt has the last byte (or failed to get it)
     */
    Runnable passedAfterwards(CachedIndex index, boolean byHash, Executor executor) {
        CompletableFuture<Void> read = new CompletableFuture<>();
        CompletableFuture<Void> before = releaseReads.put(index.host(), read);
        CompletableFuture<Void> work = new CompletableFuture<>(); // and what it starts: package requests wait for it
        catalog.track(index.host(), work);
        return () -> {
            try {
                executor.execute(() -> {
                    try {
                        if (before != null) {
                            await(index.host(), before);
                        }
                        passedNow(index, byHash).whenComplete((v, e) -> work.complete(null));
                    } catch (RuntimeException e) {
                        work.complete(null);
                        throw e;
                    } finally {
                        releaseDone(index.host(), read);
                    }
                });
            } catch (RuntimeException e) { // the executor is shut down: the listener is stopping
                releaseDone(index.host(), read);
                work.complete(null);
                throw e;
            }
        };
    }

    private void releaseDone(String host, CompletableFuture<Void> read) {
        read.complete(null);
        releaseReads.remove(host, read);
    }

    private void awaitRelease(String host) {
        CompletableFuture<Void> read = releaseReads.get(host);
        if (read != null) {
            await(host, read);
        }
    }

    private static void await(String host, CompletableFuture<Void> read) {
        try {
            read.get(RELEASE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("{}: going on without the Release being read: {}", host, e.toString());
        }
    }

    /**
     * An index was fetched, revalidated or served from the cache. Without a parser (none bound yet, or being
     * replaced) it is kept for {@link #parserBound}, as is any by-hash name (the Release that says what it
     * stands for may be among those kept); with one, what passed without one is handled first.
     *
     * @return completes when the catalogue work this started is done (never exceptionally)
     */
    CompletableFuture<Void> passed(CachedIndex index, boolean byHash) {
        awaitRelease(index.host());
        return passedNow(index, byHash);
    }

    private CompletableFuture<Void> passedNow(CachedIndex index, boolean byHash) {
        cache.remember(index);
        ControlParser p = parser.get();
        if (p == null) {
            if (!byHash && !needsParser(index.path())) {
                return DONE;
            }
            waiting.add(index, byHash);
            if (parser.get() == null) {
                LOG.debug("{}/{} passed while no ControlParser is bound: read once one is", index.host(), index.path());
                return DONE;
            }
            return handleWaiting(); // bound meanwhile, perhaps before the add: this one is among them
        }
        CompletableFuture<Void> earlier = handleWaiting(); // first: it may record the Release naming this one
        Optional<String> real = realName(index.host(), index.path(), byHash);
        if (real.isEmpty() || !needsParser(real.get())) {
            return earlier;
        }
        return CompletableFuture.allOf(earlier, handle(p, index, real.get()));
    }

    /**
     * A {@code ControlParser} was bound: handles, on the catalog's thread, what passed while there was none (at
     * start the listener may serve before the rfc822 bundle has started).
     */
    void parserBound() {
        catalog.execute(this::handleWaiting);
    }

    private static boolean needsParser(String path) {
        return ArchivePath.isRelease(path) || isSignature(path) || ArchivePath.isCatalogued(path);
    }

    private static boolean isSignature(String path) {
        return path.endsWith("/Release.gpg") || path.equals("Release.gpg");
    }

    private CompletableFuture<Void> handle(ControlParser p, CachedIndex index, String path) {
        if (ArchivePath.isRelease(path)) {
            return readRelease(p, index);
        }
        if (isSignature(path)) {
            String release = path.substring(0, path.length() - ".gpg".length());
            return cache.get(index.host(), release).map(r -> readRelease(p, r)).orElse(DONE);
        }
        if (releases.trusts(index.host(), path, index.sha256())) {
            return catalog.ensureParsed(index.host(), path, index.file(), index.sha256());
        }
        LOG.debug("{}/{} is not listed by a verified Release: served, not catalogued", index.host(), path);
        return DONE;
    }

    /**
     * Handles again, in order, what passed while no parser was bound, as far as the cache still holds that
     * version (a newer one passed, or will, by itself: an older Release must not replace it).
     */
    private CompletableFuture<Void> handleWaiting() {
        WaitingForParser.Batch batch = waiting.take();
        if (batch.isEmpty()) {
            return DONE;
        }
        List<CompletableFuture<Void>> work = new ArrayList<>();
        for (WaitingForParser.Pass pass : batch.passes()) {
            CachedIndex then = pass.index();
            cache.get(then.host(), then.path()).filter(now -> now.sha256().equals(then.sha256()))
                    .ifPresent(now -> work.add(passedNow(now, pass.byHash())));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(work.toArray(CompletableFuture[]::new));
        all.whenComplete((v, e) -> batch.handled().forEach(f -> f.complete(null)));
        return all;
    }

    /**
     * Reads a Release unless this content, with this detached signature, was read before (a {@code 304} of the
     * Release or of its {@code Release.gpg} reads nothing again; a new signature after its Release does).
     *
     * @return completes when the cached indices this Release lists are catalogued
     */
    private CompletableFuture<Void> readRelease(ControlParser p, CachedIndex index) {
        Optional<CachedIndex> signature = index.path().endsWith("InRelease") ? Optional.empty()
                : cache.get(index.host(), index.path() + ".gpg");
        String identity = index.sha256() + signature.map(s -> "+" + s.sha256()).orElse("");
        if (releases.isCurrent(index.host(), index.path(), identity)) {
            counters.releaseUnchanged();
            return DONE;
        }
        counters.releaseRead();
        try {
            ReleaseReader.Result read = reader.read(p, index.host(), index.path(), index.file(),
                    signature.map(CachedIndex::file));
            boolean verified = read.verdict().good();
            Optional<ReleaseNames.Contents> before = releases.contents(index.host(), index.path());
            ReleaseNames.Contents release = releases.record(index.host(), index.path(), identity, read.release(),
                    verified);
            if (!verified) {
                if (signature.isPresent() || index.path().endsWith("InRelease")) {
                    LOG.warn("{}/{}: {}; its indices are served to apt but make no torrents and verify no file"
                            + " (trusted keys: mirrorKeyrings or keyrings of {})", index.host(), index.path(),
                            read.verdict().detail(), AptListener.PID);
                }
                return DONE;
            }
            LOG.debug("{}/{}: {}", index.host(), index.path(), read.verdict().detail());
            cleaner.afterRelease(index.host(), index.path(), release, before.filter(ReleaseNames.Contents::verified));
            List<CompletableFuture<Void>> parses = new ArrayList<>();
            for (ReleaseNames.Listed l : release.listed()) {
                if (ArchivePath.isCatalogued(l.realPath())) {
                    catalogCached(index.host(), l).ifPresent(parses::add);
                    refresher.refreshIfStale(index.host(), l, release);
                }
            }
            return CompletableFuture.allOf(parses.toArray(CompletableFuture[]::new));
        } catch (Exception e) {
            LOG.warn("Cannot read {}/{}: {}", index.host(), index.path(), e.toString());
            return DONE;
        }
    }

    /** Hands the catalog the cached copy of this version of the index, if the cache holds one. */
    private Optional<CompletableFuture<Void>> catalogCached(String host, ReleaseNames.Listed listed) {
        return cache.get(host, listed.realPath()).filter(c -> c.sha256().equals(listed.sha256()))
                .or(() -> cache.get(host, listed.byHashPath()).filter(c -> c.sha256().equals(listed.sha256())))
                .map(c -> {
                    cache.remember(c);
                    return catalog.ensureParsed(host, listed.realPath(), c.file(), c.sha256());
                });
    }

    /**
     * Run at start, in the background: deletes temporary files older than {@code staleAfter}, then reads every
     * cached Release file, which catalogues the cached indices they list.
     *
     * @return completes when that catalogue work is done (never exceptionally)
     */
    CompletableFuture<Void> warmUp(java.time.Duration staleAfter) {
        cache.sweepTemporaries(staleAfter);
        Path root = cache.root();
        if (!Files.isDirectory(root)) {
            return DONE;
        }
        List<CompletableFuture<Void>> work = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, 12)) {
            files.filter(f -> ArchivePath.isRelease(f.getFileName().toString()))
                    .map(root::relativize)
                    .filter(r -> r.getNameCount() >= 2 && !r.getName(0).toString().startsWith("."))
                    .forEach(r -> cache.get(r.getName(0).toString(), r.subpath(1, r.getNameCount()).toString().replace('\\', '/'))
                            .ifPresent(c -> work.add(passed(c, false))));
        } catch (Exception e) {
            LOG.warn("Cannot read the index cache {} at start: {}", root, e.toString());
        }
        return CompletableFuture.allOf(work.toArray(CompletableFuture[]::new));
    }
}
