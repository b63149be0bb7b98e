package org.debswarm.aptlistener.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;

import org.debswarm.governor.HttpGovernor;
import org.debswarm.governor.MirrorRequest;
import org.debswarm.governor.MirrorResponse;

/**
 * Fetches an index file the node needs for itself (not for apt): from the cache when a copy with the expected
 * content is there under any name, else from the mirror through the governor, checked against the expected
 * size and SHA-256 before it enters the cache. Used to refresh the catalog and to follow pdiffs. The bytes
 * received count as the node's mirror bytes (no torrent).
 */
final class IndexFetcher {

    private final IndexCache cache;
    private final Supplier<HttpGovernor> governor;
    private final Settings settings;
    private final Metering metering;
    private final Clock clock;

    /** @param clock when a copy is fetched, for its freshness */
    IndexFetcher(IndexCache cache, Supplier<HttpGovernor> governor, Settings settings, Metering metering, Clock clock) {
        this.cache = cache;
        this.governor = governor;
        this.settings = settings;
        this.metering = metering;
        this.clock = clock;
    }

    /**
     * @param path the path to fetch if the cache has no copy (a real or by-hash name)
     * @param sha256 the expected SHA-256
     * @param size the expected size, or -1 if unknown
     * @return the cached copy
     * @throws IOException if the mirror fails or sends other content (nothing is cached then)
     */
    CachedIndex fetch(String host, String path, String sha256, long size) throws IOException {
        Optional<CachedIndex> cached = cache.byContent(host, sha256)
                .or(() -> cache.get(host, path).filter(c -> c.sha256().equals(sha256)));
        if (cached.isPresent()) {
            return cached.get();
        }
        RequestTarget target = new RequestTarget(host, path, false);
        MirrorRequest request = MirrorRequest.get(target.mirrorUri(settings))
                .deadline(settings.indexDeadline()).build();
        Path temporary = cache.newTemporary();
        try (MirrorResponse response = Mirror.fetch(governor, request, settings.indexDeadline())) {
            if (response.status() != 200) {
                throw Mirror.status(host, path, response.status());
            }
            MessageDigest digest = PackagesReading.sha256();
            long count;
            try (InputStream in = new DigestInputStream(metering.fromMirror(request.uri(), response.body()), digest);
                    OutputStream out = Files.newOutputStream(temporary)) {
                count = copy(in, out, size);
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(sha256) || (size >= 0 && count != size)) {
                throw new IOException("/" + path + " from " + host + ": SHA-256 " + actual + ", " + count
                        + " bytes (expected: " + sha256 + ", " + size + " bytes)");
            }
            return cache.commit(temporary, new CachedIndex(host, path, temporary, count, actual,
                    response.lastModified().orElse(null), response.etag().orElse(null), clock.instant()));
        } catch (HttpRefusal refusal) {
            throw new IOException(refusal.getMessage(), refusal);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Copies at most {@code size} bytes (when known): a mirror cannot fill the disk with an endless body. */
    private static long copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[Responses.BUFFER];
        long count = 0;
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            count += n;
            if (size >= 0 && count > size) {
                throw new IOException("more than the " + size + " bytes the Release or Index lists");
            }
            out.write(buffer, 0, n);
        }
        return count;
    }
}
