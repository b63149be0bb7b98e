package org.debswarm.aptlistener.internal;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.debswarm.governor.HttpGovernor;
import org.debswarm.storage.BeginResult;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileLease;
import org.debswarm.storage.FileWrite;
import org.debswarm.storage.PieceStore;
import org.debswarm.storage.StoredFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves package files: from the store when it has them; otherwise, when an index lists the file, through
 * one download per content into the store (a second client of the same file joins the first download and
 * streams from the same write); otherwise straight from the mirror, unstored. Without a store (its bundle
 * stopped or being replaced) every file is proxied.
 */
final class PackageHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PackageHandler.class);

    private final Catalog catalog;
    private final Supplier<PieceStore> store;
    private final Supplier<HttpGovernor> governor;
    private final PackageSources sources;
    private final Metering metering;
    private final Downloads downloads;
    private final Proxy proxy;
    private final Settings settings;
    private final FileSender sender;

    PackageHandler(Catalog catalog, Supplier<PieceStore> store, Supplier<HttpGovernor> governor,
            PackageSources sources, Metering metering, Downloads downloads, Proxy proxy, Settings settings,
            FileSender sender) {
        this.sender = sender;
        this.metering = metering;
        this.catalog = catalog;
        this.store = store;
        this.governor = governor;
        this.sources = sources;
        this.downloads = downloads;
        this.proxy = proxy;
        this.settings = settings;
    }

    void serve(HttpServletRequest request, HttpServletResponse response, RequestTarget target)
            throws IOException, HttpRefusal {
        Optional<FileKey> key = catalog.entryAwaiting(target.host(), target.path(), settings.catalogWait());
        PieceStore pieces = store.get();
        if (pieces != null && serveStored(request, response, pieces, target, key)) {
            return;
        }
        if (key.isPresent() && "HEAD".equals(request.getMethod())) {
            headersOnly(response, key.get()); // a HEAD does not start a download
            return;
        }
        if (pieces != null && key.isPresent()) {
            // a source that takes it has begun the write that begin() below joins
            Optional<PackageSources.Rank> taker = sources.offer(key.get());
            BeginResult begin = begin(pieces, key.get());
            if (begin != null) {
                serveBegun(request, response, target, key.get(), begin, taker);
                return;
            }
        }
        proxy.serve(request, response, target);
    }

    /** @return whether the store had the file, with the content the index expects if there is an index */
    private boolean serveStored(HttpServletRequest request, HttpServletResponse response, PieceStore pieces,
            RequestTarget target, Optional<FileKey> key) throws IOException, HttpRefusal {
        Optional<StoredFile> stored;
        try {
            stored = pieces.lookup(target.host(), target.path());
            if (stored.isEmpty() && key.isPresent()) {
                stored = pieces.linkIfKnown(key.get());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Store look-up of {} failed, fetching from the mirror: {}", target, e.toString());
            return false;
        }
        Optional<StoredFile> matching = stored.filter(s -> key.map(k -> k.equals(s.key())).orElse(true));
        Optional<FileLease> lease = matching.isEmpty() ? Optional.empty() : lease(pieces, matching.get());
        if (lease.isEmpty()) {
            return false;
        }
        try (FileLease held = lease.get()) { // not evicted while it is sent
            send(request, response, held.file());
        }
        served(request, matching.get().size(), true);
        return true;
    }

    /** @return the stored file held in use, empty if it was evicted meanwhile (or the store failed) */
    private static Optional<FileLease> lease(PieceStore pieces, StoredFile file) {
        try {
            return pieces.use(file.host(), file.path()).filter(l -> l.file().key().equals(file.key()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Store look-up of {}/{} failed, fetching from the mirror: {}", file.host(), file.path(), e.toString());
            return Optional.empty();
        }
    }

    private BeginResult begin(PieceStore pieces, FileKey key) {
        try {
            return pieces.begin(key);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot store {}/{}, passing it through: {}", key.host(), key.path(), e.toString());
            return null;
        }
    }

    private void serveBegun(HttpServletRequest request, HttpServletResponse response, RequestTarget target, FileKey key,
            BeginResult begin, Optional<PackageSources.Rank> taker) throws IOException, HttpRefusal {
        switch (begin.outcome()) {
            case STORED -> {
                send(request, response, begin.completion().join());
                served(request, key.size(), true);
            }
            case CREATED -> {
                FileWrite write = begin.write().orElseThrow();
                HttpGovernor g = governor.get();
                if (g == null) {
                    write.abort("no HttpGovernor service");
                    throw new HttpRefusal(503, "no HttpGovernor service: the governor bundle is stopped or being updated");
                }
                Download download = downloads.start(g, target.mirrorUri(settings), write, settings.debDeadline());
                WriteStreamer.stream(request, response, key, write, Optional.of(download), settings.debDeadline());
                served(request, key.size(), false);
            }
            case JOINED -> {
                FileWrite write = begin.write().orElseThrow();
                taker.ifPresent(rank -> sources.watch(rank, write, () -> takeOver(target, write)));
                WriteStreamer.stream(request, response, key, write,
                        downloads.find(key.sha256()), settings.debDeadline());
                served(request, key.size(), false);
            }
        }
    }

    /** The source that was filling {@code write} went away: the mirror finishes it, from where it is. */
    private void takeOver(RequestTarget target, FileWrite write) {
        HttpGovernor g = governor.get();
        if (g == null) {
            write.abort("its package source went away and there is no HttpGovernor service");
        } else if (downloads.find(write.key().sha256()).isEmpty()) {
            LOG.info("{}/{}: its package source went away; the mirror finishes it from byte {}", write.key().host(),
                    write.key().path(), write.available());
            downloads.start(g, target.mirrorUri(settings), write, settings.debDeadline());
        }
    }

    /** A GET answered in full (a range or HEAD is not a file served). */
    private void served(HttpServletRequest request, long size, boolean fromStore) {
        if ("GET".equals(request.getMethod()) && request.getHeader("Range") == null) {
            metering.served(size, fromStore);
        }
    }

    private static void headersOnly(HttpServletResponse response, FileKey key) {
        response.setContentType("application/octet-stream");
        response.setContentLengthLong(key.size());
    }

    private void send(HttpServletRequest request, HttpServletResponse response, StoredFile file)
            throws IOException, HttpRefusal {
        FileResponder.send(request, response, file.file(), file.size(), file.storedAt(), null, sender);
    }
}
