package org.debswarm.governor;

import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The answer of a mirror, handed over when its headers have arrived; the body follows as a
 * stream. Holding a response holds a connection: read the body to its end or close the
 * response early, in a try-with-resources block:
 * <pre>{@code
 * try (MirrorResponse response = governor.fetch(request).get()) {
 *     if (response.status() == 200) {
 *         response.body().transferTo(out);
 *     }
 * }
 * }</pre>
 */
@ProviderType
public interface MirrorResponse extends AutoCloseable {

    /** @return the request this answers */
    MirrorRequest request();

    /**
     * @return the HTTP status: 200, 206 (partial content), 304 (not modified), 404 and the
     *         other 4xx, or a 5xx that persisted through the retries
     */
    int status();

    /** @return the URI that answered, which differs from the request's after failover or a redirect */
    URI servedBy();

    /**
     * @param name a header name, case-insensitive
     * @return the last value of that response header, if present
     */
    Optional<String> header(String name);

    /** @return the {@code Last-Modified} validator, if present and well formed */
    Optional<Instant> lastModified();

    /** @return the {@code ETag} validator, as sent (quotes included), if present */
    Optional<String> etag();

    /** @return the {@code Content-Length} of the body, if the mirror sent one */
    OptionalLong contentLength();

    /** @return the parsed {@code Content-Range} of a 206 response; empty for other statuses */
    Optional<ContentRange> contentRange();

    /**
     * Returns the body, decoded as the request asked when the status is 200. The stream reads
     * from the network only as fast as the caller reads (backpressure); nothing is buffered
     * beyond a network buffer. A read fails with {@link MirrorException} when a deadline passes
     * or the connection drops, and with a plain {@link java.io.IOException} when compressed
     * data is corrupt. Closing the stream closes the response.
     *
     * @return the same stream on every call
     */
    InputStream body();

    /**
     * Releases the connection: kept for reuse when the body was read to its end, otherwise
     * closed. Idempotent; never throws.
     */
    @Override
    void close();
}
