package org.debswarm.aptlistener.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.debswarm.governor.HttpGovernor;
import org.debswarm.governor.MirrorRequest;
import org.debswarm.governor.MirrorResponse;

/**
 * Serves index files (Release, InRelease, Packages, Sources, Translation, by-hash...): each request is
 * revalidated with the mirror by a conditional request carrying the cached copy's validators, unless the
 * copy is younger than the configured freshness or named by its digest (by-hash, immutable). A new version
 * is streamed to apt while it is written to the cache, and moved into place only once complete. When the mirror
 * cannot be reached (no connection, a timeout, a 5xx through the governor's retries), the cached copy is served
 * as it is ({@link Offline}).
 */
final class IndexHandler {

    private final IndexCache cache;
    private final IndexEvents events;
    private final Supplier<HttpGovernor> governor;
    private final Settings settings;
    private final Metering metering;
    private final FileSender sender;
    private final Offline offline = new Offline();
    private final Clock clock;
    private final Executor background;
    private final SharedIndexes shared;

    /**
     * @param clock when a copy is fetched or revalidated, and whether it is still fresh
     * @param background where a Release is read once apt has it (threads the caller owns)
     * @param shared where by-hash files a verified Release lists come from: the store, the peers, the mirror
     */
    IndexHandler(IndexCache cache, IndexEvents events, Supplier<HttpGovernor> governor, Settings settings,
            Metering metering, FileSender sender, Clock clock, Executor background, SharedIndexes shared) {
        this.background = background;
        this.shared = shared;
        this.sender = sender;
        this.clock = clock;
        this.cache = cache;
        this.events = events;
        this.governor = governor;
        this.settings = settings;
        this.metering = metering;
    }

    void serve(HttpServletRequest request, HttpServletResponse response, RequestTarget target, ArchivePath path)
            throws IOException, HttpRefusal {
        if (!path.byHash() && servedAsReleaseSays(request, response, target)) {
            return;
        }
        Optional<CachedIndex> cached = cache.get(target.host(), target.path());
        if (path.byHash()) {
            cached = cached.or(() -> byContent(target.host(), target.path()));
        } else if (cached.isPresent() && contradictsRelease(cached.get())) {
            cached = Optional.empty(); // an older version than the Release apt has: ask for the whole file
        }
        if (cached.isPresent() && (path.byHash() || isFresh(cached.get()))) {
            send(request, response, cached.get(), path);
            return;
        }
        if (path.byHash() && servedShared(request, response, target, path)) {
            return;
        }
        MirrorResponse fetched;
        try {
            fetched = Mirror.fetch(governor, conditional(target, cached), settings.indexDeadline());
        } catch (HttpRefusal refusal) {
            if (cached.isEmpty() || !Offline.unreachable(refusal)) {
                throw refusal;
            }
            offline.serving(target, refusal);
            send(request, response, cached.get(), path); // apt still checks Valid-Until and the signatures
            return;
        }
        offline.reached(target.host());
        try (MirrorResponse mirror = fetched) {
            int status = mirror.status();
            if (status == 304 && cached.isPresent()) {
                CachedIndex confirmed = cached.get().revalidated(clock.instant(), mirror.lastModified().orElse(null),
                        mirror.etag().orElse(null));
                cache.update(confirmed);
                send(request, response, confirmed, path);
            } else if (status == 200) {
                download(request, response, target, path, mirror);
            } else {
                if (status == 404 || status == 410) {
                    cache.remove(target.host(), target.path());
                }
                throw Mirror.status(target.host(), target.path(), status);
            }
        }
    }

    /**
     * Keeps Release and indices consistent (the cause of "Hash Sum mismatch" behind caching proxies): an index
     * that the Release apt last got through this node lists is answered with exactly that content, from any
     * cached copy of it (no mirror request), or else fetched by its by-hash name when the Release allows; only
     * without either (or when the mirror lacks the by-hash file) does the mirror's current file under the plain
     * name go to apt, never a cached copy that contradicts the Release.
     *
     * @return whether the request was answered
     */
    private boolean servedAsReleaseSays(HttpServletRequest request, HttpServletResponse response, RequestTarget target)
            throws IOException, HttpRefusal {
        String p = target.path();
        if (isRelease(p)) {
            return false;
        }
        Optional<ReleaseNames.Listed> listed = events.listed(target.host(), p);
        if (listed.isEmpty()) {
            return false;
        }
        Optional<CachedIndex> same = cache.byContent(target.host(), listed.get().sha256());
        if (same.isPresent()) {
            send(request, response, same.get(), ArchivePath.of(java.util.List.of(same.get().path().split("/"))));
            return true;
        }
        if (!events.byHash(target.host(), p)) {
            return false;
        }
        String byHash = listed.get().byHashPath();
        try {
            serve(request, response, new RequestTarget(target.host(), byHash, target.proxyForm()),
                    ArchivePath.of(java.util.List.of(byHash.split("/"))));
            return true;
        } catch (HttpRefusal refusal) {
            if (refusal.status() != 404 || response.isCommitted()) {
                throw refusal;
            }
            return false; // a mirror without that by-hash file: the plain name, as apt would ask without the node
        }
    }

    /** A by-hash file a verified Release lists: from the store, else from the package sources into it. */
    private boolean servedShared(HttpServletRequest request, HttpServletResponse response, RequestTarget target,
            ArchivePath path) throws IOException, HttpRefusal {
        Optional<ReleaseNames.Listed> listed = events.verifiedByHash(target.host(), target.path());
        if (listed.isEmpty()) {
            return false;
        }
        Optional<CachedIndex> stored = shared.stored(listed.get(), target.host());
        if (stored.isPresent()) {
            send(request, response, stored.get(), path);
            return true;
        }
        return shared.fetch(request, response, listed.get(), target.host(), index -> events.passed(index, true));
    }

    private static boolean isRelease(String path) {
        return ArchivePath.isRelease(path) || path.endsWith("Release.gpg");
    }

    private boolean contradictsRelease(CachedIndex cached) {
        return events.listed(cached.host(), cached.path()).filter(l -> !l.sha256().equals(cached.sha256())).isPresent();
    }

    /** @return a cached copy of a by-hash name's content, cached under whatever name (SHA256 names only) */
    private Optional<CachedIndex> byContent(String host, String byHashPath) {
        String[] segments = byHashPath.split("/");
        if (segments.length < 3 || !segments[segments.length - 2].equals("SHA256")) {
            return Optional.empty();
        }
        return cache.byContent(host, segments[segments.length - 1].toLowerCase(java.util.Locale.ROOT));
    }

    private boolean isFresh(CachedIndex cached) {
        return !settings.indexFreshness().isZero()
                && cached.fetchedAt().plus(settings.indexFreshness()).isAfter(clock.instant());
    }

    private MirrorRequest conditional(RequestTarget target, Optional<CachedIndex> cached) {
        MirrorRequest.Builder builder = settings.request(false, target.mirrorUri(settings))
                .deadline(settings.indexDeadline());
        cached.map(CachedIndex::lastModified).ifPresent(builder::ifModifiedSince);
        cached.map(CachedIndex::etag).ifPresent(builder::ifNoneMatch);
        return builder.build();
    }

    private void send(HttpServletRequest request, HttpServletResponse response, CachedIndex index, ArchivePath path)
            throws IOException, HttpRefusal {
        events.passed(index, path.byHash());
        FileResponder.send(request, response, index.file(), index.size(), index.lastModified(), index.etag(), sender);
    }

    /**
     * A new version: streamed to apt as it arrives unless apt asked for headers only or already has it
     * (its {@code If-Modified-Since}), written to the cache all the same; apt leaving early does not stop it.
     * Its bytes count as the node's mirror bytes as they arrive.
     */
    private void download(HttpServletRequest request, HttpServletResponse response, RequestTarget target,
            ArchivePath path, MirrorResponse mirror) throws IOException, HttpRefusal {
        Instant lastModified = mirror.lastModified().orElse(null);
        String etag = mirror.etag().orElse(null);
        boolean stream = !"HEAD".equals(request.getMethod())
                && !FileResponder.notModified(request, lastModified, etag);
        OutputStream client = null;
        if (stream) {
            FileResponder.validators(response, lastModified, etag);
            response.setContentType("application/octet-stream");
            mirror.contentLength().ifPresent(response::setContentLengthLong);
            client = response.getOutputStream();
        }
        Path temporary = cache.newTemporary();
        Tee tee = new Tee(client);
        try {
            tee.copy(metering.fromMirror(target.mirrorUri(settings), mirror.body()), temporary);
            long expected = mirror.contentLength().orElse(tee.count);
            if (tee.count != expected) {
                throw new IOException("mirror sent " + tee.count + " bytes (expected: Content-Length " + expected + ")");
            }
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            if (stream && response.isCommitted()) {
                throw e; // too late for a status: the connection is cut and apt sees a failed transfer
            }
            throw Mirror.failure(target.host(), e);
        }
        CachedIndex index = cache.commit(temporary, new CachedIndex(target.host(), target.path(), temporary, tee.count,
                tee.sha256(), lastModified, etag, clock.instant()));
        if (stream && isRelease(target.path())) {
            Runnable pass = events.passedAfterwards(index, path.byHash(), background);
            try {
                tee.finish(); // apt checks the signature while this node does
            } finally {
                pass.run();
            }
            return;
        }
        events.passed(index, path.byHash()); // before apt has the last byte: its next request may need the catalog
        if (stream) {
            tee.finish();
        } else {
            send(request, response, index, path);
        }
    }

    /**
     * Copies the mirror's body to a file, hashing it, and to apt while apt listens. The last buffer reaches
     * apt only in {@link #finish}, once the file is in the cache.
     */
    private static final class Tee {
        private final MessageDigest digest = PackagesReading.sha256();
        private OutputStream client;
        private IOException clientFailure;
        private byte[] held = new byte[Responses.BUFFER];
        private int heldLength;
        private long count;

        Tee(OutputStream client) {
            this.client = client;
        }

        void copy(InputStream body, Path file) throws IOException {
            byte[] buffer = new byte[Responses.BUFFER];
            try (InputStream in = body; OutputStream out = Files.newOutputStream(file)) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    digest.update(buffer, 0, n);
                    count += n;
                    toClient(held, heldLength);
                    byte[] swap = held;
                    held = buffer;
                    buffer = swap;
                    heldLength = n;
                }
            }
        }

        /** Sends the held buffer; rethrows a failure to reach apt, so that the container drops the connection. */
        void finish() throws IOException {
            toClient(held, heldLength);
            if (clientFailure != null) {
                throw clientFailure;
            }
        }

        private void toClient(byte[] buffer, int n) {
            if (client == null || n == 0) {
                return;
            }
            try {
                client.write(buffer, 0, n);
            } catch (IOException e) {
                clientFailure = e; // apt went away; the cache still gets the file
                client = null;
            }
        }

        String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
