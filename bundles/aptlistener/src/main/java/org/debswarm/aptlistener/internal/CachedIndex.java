package org.debswarm.aptlistener.internal;

import java.nio.file.Path;
import java.time.Instant;

/**
 * An index file in the listener's cache with the validators the mirror gave it.
 *
 * @param host the mirror host
 * @param path the path relative to the host
 * @param file the file on disk
 * @param size its length
 * @param sha256 the SHA-256 of its bytes, lower-case hex: the identity that decides whether to parse again
 * @param lastModified the mirror's {@code Last-Modified}, or null
 * @param etag the mirror's {@code ETag}, or null
 * @param fetchedAt when the mirror last confirmed it (200 or 304)
 */
record CachedIndex(String host, String path, Path file, long size, String sha256, Instant lastModified, String etag,
        Instant fetchedAt) {

    /** @return a copy confirmed by the mirror at {@code at}, with validators the 304 may have refreshed */
    CachedIndex revalidated(Instant at, Instant newLastModified, String newEtag) {
        return new CachedIndex(host, path, file, size, sha256, newLastModified == null ? lastModified : newLastModified,
                newEtag == null ? etag : newEtag, at);
    }
}
