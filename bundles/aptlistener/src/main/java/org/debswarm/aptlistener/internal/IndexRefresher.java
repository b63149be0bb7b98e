package org.debswarm.aptlistener.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.debswarm.aptlistener.PackagesIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the catalog current when apt does not fetch a changed index itself: with {@code Packages.diff}
 * (pdiff) apt patches its own copy and the node would never see the new index. When a new verified Release
 * lists another version of an index the catalog holds, the node patches its own plain copy forward
 * ({@link PdiffFollower}) or, when the Release has no pdiffs or anything does not match, fetches the whole
 * new index (the best compression the Release lists, by hash when it allows), checked against the Release;
 * then the catalog parses the new version and announces it to the {@code PackagesIndexListener}s, as for an
 * index apt fetched.
 */
final class IndexRefresher {

    private static final Logger LOG = LoggerFactory.getLogger(IndexRefresher.class);
    private static final List<String> PREFERRED = List.of(".xz", ".gz", ".bz2", ".lzma", "");

    private final Catalog catalog;
    private final IndexFetcher fetcher;
    private final PdiffFollower pdiffs;
    private final Settings settings;
    private final Executor executor;
    /** Sources being refreshed: one refresh per source at a time (two would only race for the same files). */
    private final java.util.Set<String> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The newest Release waiting for each source's refresh. */
    private final java.util.Map<String, ReleaseNames.Contents> pending = new java.util.concurrent.ConcurrentHashMap<>();

    IndexRefresher(Catalog catalog, IndexFetcher fetcher, PdiffFollower pdiffs, Settings settings, Executor executor) {
        this.catalog = catalog;
        this.fetcher = fetcher;
        this.pdiffs = pdiffs;
        this.settings = settings;
        this.executor = executor;
    }

    /**
     * Refreshes the source of {@code listed} if the catalog holds that very file ({@code listed}'s path) in
     * another version; each source is looked at once per Release, for the form the catalog holds. One refresh per
     * source runs at a time; a Release arriving meanwhile is handled when it ends (the newest one only).
     */
    void refreshIfStale(String host, ReleaseNames.Listed listed, ReleaseNames.Contents release) {
        Optional<PackagesIndex> current = catalog.current(host, listed.realPath());
        if (current.isEmpty() || !current.get().path().equals(listed.realPath())
                || current.get().sha256().equals(listed.sha256())) {
            return; // not catalogued, catalogued in another form (handled there), or current
        }
        String key = host + "/" + current.get().source();
        pending.put(key, release);
        start(host, key);
    }

    private void start(String host, String key) {
        if (!running.add(key)) {
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        catalog.track(host, done);
        try {
            executor.execute(() -> {
                try {
                    drain(host, key);
                } finally {
                    running.remove(key);
                    done.complete(null);
                    if (pending.containsKey(key)) {
                        start(host, key);
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            running.remove(key);
            done.complete(null);
        }
    }

    private void drain(String host, String key) {
        String source = key.substring(host.length() + 1);
        for (ReleaseNames.Contents release = pending.remove(key); release != null; release = pending.remove(key)) {
            Optional<PackagesIndex> current = catalog.current(host, source);
            if (current.isEmpty() || release.listed().stream().anyMatch(l -> l.realPath().equals(current.get().path())
                    && l.sha256().equals(current.get().sha256()))) {
                continue; // gone, or already what this Release lists
            }
            try {
                refresh(host, current.get(), release);
            } catch (Exception e) {
                LOG.warn("Cannot refresh {}/{}: {}", host, source, e.toString());
            }
        }
    }

    private void refresh(String host, PackagesIndex current, ReleaseNames.Contents release) throws Exception {
        long timeout = settings.indexDeadline().plus(Settings.SLACK).toMillis();
        try {
            Optional<PlainCopies.Copy> patched = pdiffs.follow(host, current, release);
            if (patched.isPresent()) {
                catalog.ensureParsed(host, current.source(), patched.get().file(), patched.get().sha256())
                        .get(timeout, TimeUnit.MILLISECONDS);
                return;
            }
        } catch (java.io.IOException e) {
            LOG.info("Cannot follow the pdiffs of {}/{} ({}); fetching the whole index", host, current.source(),
                    e.getMessage());
        }
        ReleaseNames.Listed whole = best(release, current.source()).orElseThrow(
                () -> new java.io.IOException("the Release lists no form of " + current.source()));
        CachedIndex index = fetcher.fetch(host, release.acquireByHash() ? whole.byHashPath() : whole.realPath(),
                whole.sha256(), whole.size());
        LOG.info("Refreshed {}/{} for the catalog ({} bytes)", host, whole.realPath(), index.size());
        catalog.ensureParsed(host, whole.realPath(), index.file(), index.sha256()).get(timeout, TimeUnit.MILLISECONDS);
    }

    /** @return the form of {@code source} the Release lists that is cheapest to fetch */
    private static Optional<ReleaseNames.Listed> best(ReleaseNames.Contents release, String source) {
        for (String suffix : PREFERRED) {
            Optional<ReleaseNames.Listed> l = release.listed().stream()
                    .filter(e -> e.realPath().equals(source + suffix)).findFirst();
            if (l.isPresent()) {
                return l;
            }
        }
        return Optional.empty();
    }
}
