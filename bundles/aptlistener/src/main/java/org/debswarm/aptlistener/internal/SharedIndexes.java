package org.debswarm.aptlistener.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.debswarm.storage.BeginResult;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileLease;
import org.debswarm.storage.PieceStore;
import org.debswarm.storage.StoredFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * By-hash index files (Packages.xz, Sources.xz, Translation-*, Contents-*: whatever a verified Release lists
 * under a by-hash name) go the way a .deb goes: from the store if it holds them, else offered to the package
 * sources (the peers first, the mirror last), verified by their SHA-256 before apt gets the last byte. Then
 * they are put into the index cache, where the catalog reads them, and, being in the store, are offered to
 * other nodes like any stored file. InRelease and Release never go this way: they stay fresh from the mirror.
 */
final class SharedIndexes {

    private static final Logger LOG = LoggerFactory.getLogger(SharedIndexes.class);

    private final IndexCache cache;
    private final Supplier<PieceStore> store;
    private final PackageSources sources;
    private final Settings settings;
    private final Clock clock;

    SharedIndexes(IndexCache cache, Supplier<PieceStore> store, PackageSources sources, Settings settings,
            Clock clock) {
        this.cache = cache;
        this.store = store;
        this.sources = sources;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The stored copy of a listed by-hash file, put into the index cache.
     *
     * @return empty if the store has no copy (or there is no store, or it failed)
     */
    Optional<CachedIndex> stored(ReleaseNames.Listed listed, String host) throws IOException {
        PieceStore pieces = store.get();
        if (pieces == null) {
            return Optional.empty();
        }
        FileKey key = listed.byHashKey(host);
        Optional<FileLease> lease = lease(pieces, key);
        if (lease.isEmpty()) {
            return Optional.empty();
        }
        try (FileLease held = lease.get()) {
            return Optional.of(adopt(held.file()));
        }
    }

    /**
     * Fetches a listed by-hash file into the store from the package sources, streaming it to apt as it arrives;
     * once the store verified it, {@code passed} gets it from the index cache before apt gets the last byte.
     *
     * @return false if this way cannot serve it (no store, or the store failed): the caller asks the mirror
     */
    boolean fetch(HttpServletRequest request, HttpServletResponse response, ReleaseNames.Listed listed, String host,
            IndexPass passed) throws IOException, HttpRefusal {
        PieceStore pieces = store.get();
        if (pieces == null || "HEAD".equals(request.getMethod())) {
            return false;
        }
        FileKey key = listed.byHashKey(host);
        BeginResult begin;
        try {
            begin = pieces.begin(key);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot store {}/{}, fetching it from the mirror alone: {}", host, key.path(), e.toString());
            return false;
        }
        if (begin.outcome() == BeginResult.Outcome.STORED) {
            return false; // stored meanwhile: the caller's look-up finds it
        }
        LOG.debug("{}/{}: through the store, from the package sources ({})", host, key.path(), begin.outcome());
        WriteStreamer.stream(request, response, key, begin.write().orElseThrow(), sources.fill(begin),
                settings.indexDeadline(), file -> passed.passed(adopt(file)));
        return true;
    }

    /** What is done with an index file in the cache before apt has all of it. */
    @FunctionalInterface
    interface IndexPass {
        void passed(CachedIndex index) throws IOException;
    }

    private static Optional<FileLease> lease(PieceStore pieces, FileKey key) throws IOException {
        try {
            Optional<FileLease> lease = pieces.use(key.host(), key.path());
            if (lease.isEmpty() && pieces.linkIfKnown(key).isPresent()) {
                lease = pieces.use(key.host(), key.path());
            }
            if (lease.isPresent() && !lease.get().file().key().equals(key)) {
                lease.get().close();
                return Optional.empty();
            }
            return lease;
        } catch (RuntimeException e) {
            LOG.warn("Store look-up of {}/{} failed: {}", key.host(), key.path(), e.toString());
            return Optional.empty();
        }
    }

    /**
     * Puts a stored file into the index cache under its by-hash name: a hard link where the two share a file
     * system (stored files are never written again), a copy otherwise.
     */
    private CachedIndex adopt(StoredFile file) throws IOException {
        Path temporary = cache.newTemporary();
        try {
            Files.createLink(temporary, file.file());
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(file.file(), temporary);
        }
        return cache.commit(temporary, new CachedIndex(file.host(), file.path(), temporary, file.size(),
                file.key().sha256(), file.storedAt(), null, clock.instant()));
    }
}
