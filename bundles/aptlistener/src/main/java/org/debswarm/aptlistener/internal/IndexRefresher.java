package org.debswarm.aptlistener.internal;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import org.debswarm.governor.HttpGovernor;
import org.debswarm.governor.MirrorRequest;
import org.debswarm.governor.MirrorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the catalog current when apt does not fetch a changed {@code Packages} file itself: with
 * {@code Packages.diff} (pdiff) apt patches its own copy and the node would never see the new index. When a
 * new Release lists a different version of an index the catalog holds, the node fetches that version (by hash
 * when the Release allows) through the governor, checks its SHA-256 against the Release, caches and parses it.
 */
final class IndexRefresher {

    private static final Logger LOG = LoggerFactory.getLogger(IndexRefresher.class);

    private final IndexCache cache;
    private final Catalog catalog;
    private final Supplier<HttpGovernor> governor;
    private final Settings settings;
    private final Executor executor;

    IndexRefresher(IndexCache cache, Catalog catalog, Supplier<HttpGovernor> governor, Settings settings,
            Executor executor) {
        this.cache = cache;
        this.catalog = catalog;
        this.governor = governor;
        this.settings = settings;
        this.executor = executor;
    }

    /**
     * Refreshes {@code listed} if the catalog holds an older version of exactly that file.
     *
     * @param byHash whether the Release allows fetching it by hash
     */
    void refreshIfStale(String host, ReleaseNames.Listed listed, boolean byHash) {
        String current = catalog.catalogued(host, listed.realPath()).orElse("");
        if (current.isEmpty() || current.equals(listed.sha256())) {
            return; // not an index apt uses in this form, or already current
        }
        String path = byHash ? listed.byHashPath() : listed.realPath();
        CompletableFuture<Void> done = new CompletableFuture<>();
        catalog.track(host, done);
        try {
            executor.execute(() -> {
                try {
                    fetch(host, path, listed);
                } catch (Exception e) {
                    LOG.warn("Cannot refresh {}/{}: {}", host, path, e.toString());
                } finally {
                    done.complete(null);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            done.complete(null);
        }
    }

    private void fetch(String host, String path, ReleaseNames.Listed listed) throws Exception {
        RequestTarget target = new RequestTarget(host, path, false);
        MirrorRequest request = MirrorRequest.get(target.mirrorUri(settings.mirrorScheme()))
                .deadline(settings.indexDeadline()).build();
        Path temporary = cache.newTemporary();
        try (MirrorResponse response = Mirror.fetch(governor, request, settings.indexDeadline())) {
            if (response.status() != 200) {
                throw Mirror.status(host, path, response.status());
            }
            MessageDigest digest = PackagesReading.sha256();
            long size;
            try (InputStream in = new DigestInputStream(response.body(), digest);
                    OutputStream out = Files.newOutputStream(temporary)) {
                size = in.transferTo(out);
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            if (!sha256.equals(listed.sha256())) {
                throw new java.io.IOException("SHA-256 " + sha256 + " (expected: " + listed.sha256() + " as the Release says)");
            }
            CachedIndex index = cache.commit(temporary, new CachedIndex(host, path, temporary, size, sha256,
                    response.lastModified().orElse(null), response.etag().orElse(null), Instant.now()));
            LOG.info("Refreshed {}/{} for the catalog ({} bytes)", host, listed.realPath(), size);
            catalog.ensureParsed(host, listed.realPath(), index.file(), sha256).get();
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
