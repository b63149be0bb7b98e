package org.debswarm.aptlistener.internal;

import java.io.IOException;
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
 * Serves package files: from the store when it has them; otherwise, when an index lists the file, through
 * one store write per content, filled by the package sources or, last, the mirror (a second client of the same
 * file joins the write and streams from it); otherwise straight from the mirror, unstored. Without a store (its
 * bundle stopped or being replaced) every file is proxied.
 */
final class PackageHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PackageHandler.class);

    private final Catalog catalog;
    private final Supplier<PieceStore> store;
    private final PackageSources sources;
    private final Metering metering;
    private final Proxy proxy;
    private final Settings settings;
    private final FileSender sender;

    PackageHandler(Catalog catalog, Supplier<PieceStore> store, PackageSources sources, Metering metering,
            Proxy proxy, Settings settings, FileSender sender) {
        this.sender = sender;
        this.metering = metering;
        this.catalog = catalog;
        this.store = store;
        this.sources = sources;
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
            BeginResult begin = begin(pieces, key.get());
            if (begin != null) {
                serveBegun(request, response, key.get(), begin);
                return;
            }
        }
        proxy.serve(request, response, target);
    }

    /**
     * @return whether the store had the file, with the content the index expects if there is an index. One
     *         store call when it has (the lease checks the file as a look-up does); a link of the content stored
     *         under another path only when the path itself has not the expected content.
     */
    private boolean serveStored(HttpServletRequest request, HttpServletResponse response, PieceStore pieces,
            RequestTarget target, Optional<FileKey> key) throws IOException, HttpRefusal {
        Optional<FileLease> lease = lease(pieces, target.host(), target.path(), key);
        if (lease.isEmpty() && key.isPresent()) {
            try {
                if (pieces.linkIfKnown(key.get()).isPresent()) {
                    lease = lease(pieces, target.host(), target.path(), key);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Store look-up of {} failed, fetching from the mirror: {}", target, e.toString());
                return false;
            }
        }
        if (lease.isEmpty()) {
            return false;
        }
        try (FileLease held = lease.get()) { // not evicted while it is sent
            send(request, response, held.file());
            served(request, held.file().size(), true);
        }
        return true;
    }

    /**
     * @return the stored file held in use, if it has the content {@code key} names (any content without a key);
     *         empty if nothing is stored there (or the store failed)
     */
    private static Optional<FileLease> lease(PieceStore pieces, String host, String path, Optional<FileKey> key) {
        Optional<FileLease> lease;
        try {
            lease = pieces.use(host, path);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Store look-up of {}/{} failed, fetching from the mirror: {}", host, path, e.toString());
            return Optional.empty();
        }
        if (lease.isPresent() && key.isPresent() && !key.get().equals(lease.get().file().key())) {
            lease.get().close(); // another content than the index lists: not this one
            return Optional.empty();
        }
        return lease;
    }

    private BeginResult begin(PieceStore pieces, FileKey key) {
        try {
            return pieces.begin(key);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot store {}/{}, passing it through: {}", key.host(), key.path(), e.toString());
            return null;
        }
    }

    /**
     * A write this request created is offered to the package sources, the mirror last; a write another request
     * or a source is filling is joined. apt is answered from the write as its bytes arrive; the mirror's answer
     * (its status, its date) decides the response's head when the mirror fills the file.
     */
    private void serveBegun(HttpServletRequest request, HttpServletResponse response, FileKey key, BeginResult begin)
            throws IOException, HttpRefusal {
        if (begin.outcome() == BeginResult.Outcome.STORED) {
            send(request, response, begin.completion().join());
            served(request, key.size(), true);
            return;
        }
        WriteStreamer.stream(request, response, key, begin.write().orElseThrow(), sources.fill(begin),
                settings.debDeadline());
        served(request, key.size(), false);
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
