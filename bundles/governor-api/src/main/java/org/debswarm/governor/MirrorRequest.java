package org.debswarm.governor;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One download from a mirror, immutable, made with {@link #get(URI)} or {@link #head(URI)}:
 * <pre>{@code
 * MirrorRequest request = MirrorRequest.get(URI.create("http://deb.debian.org/debian/dists/bookworm/InRelease"))
 *         .ifModifiedSince(cachedLastModified)
 *         .deadline(Duration.ofSeconds(60))
 *         .build();
 * }</pre>
 * Conditional and range requests follow
 * <a href="https://www.rfc-editor.org/rfc/rfc9110#section-13">RFC 9110 section 13</a> and
 * <a href="https://www.rfc-editor.org/rfc/rfc9110#section-14">section 14</a>.
 */
public final class MirrorRequest {

    /** The longest whole-request deadline a caller may ask for. */
    public static final Duration MAX_DEADLINE = Duration.ofHours(24);
    /** The longest URI accepted, in characters. */
    public static final int MAX_URI_LENGTH = 8192;
    /** The longest {@code If-None-Match} value accepted, in characters. */
    public static final int MAX_ENTITY_TAG_LENGTH = 1024;

    /** The methods a mirror download uses; both are safe and idempotent. */
    public enum Method { GET, HEAD }

    private final URI uri;
    private final Method method;
    private final Duration deadline;
    private final Instant ifModifiedSince;
    private final String ifNoneMatch;
    private final ByteRange range;
    private final Compression decode;
    private final boolean idempotent;
    private final Predicate<URI> redirects;

    private MirrorRequest(Builder b) {
        this.uri = b.uri;
        this.method = b.method;
        this.deadline = b.deadline;
        this.ifModifiedSince = b.ifModifiedSince;
        this.ifNoneMatch = b.ifNoneMatch;
        this.range = b.range;
        this.decode = b.decode;
        this.idempotent = b.idempotent;
        this.redirects = b.redirects;
    }

    /**
     * @param uri an absolute {@code http} or {@code https} URI without user info
     * @return a builder of a GET request
     */
    public static Builder get(URI uri) {
        return new Builder(Method.GET, uri);
    }

    /**
     * @param uri an absolute {@code http} or {@code https} URI without user info
     * @return a builder of a HEAD request
     */
    public static Builder head(URI uri) {
        return new Builder(Method.HEAD, uri);
    }

    /** @return the URI asked for (failover and redirects may serve it from elsewhere) */
    public URI uri() {
        return uri;
    }

    /** @return GET or HEAD */
    public Method method() {
        return method;
    }

    /** @return the whole-request deadline, from {@code fetch} to the last body byte; empty for the governor's default */
    public Optional<Duration> deadline() {
        return Optional.ofNullable(deadline);
    }

    /** @return the {@code If-Modified-Since} validator, if any */
    public Optional<Instant> ifModifiedSince() {
        return Optional.ofNullable(ifModifiedSince);
    }

    /** @return the {@code If-None-Match} value (one or more entity tags), if any */
    public Optional<String> ifNoneMatch() {
        return Optional.ofNullable(ifNoneMatch);
    }

    /** @return the byte range asked for, if any */
    public Optional<ByteRange> range() {
        return Optional.ofNullable(range);
    }

    /** @return the decoding applied to a 200 body */
    public Compression decode() {
        return decode;
    }

    /** @return whether the governor may retry and fail over (true unless the caller said otherwise) */
    public boolean idempotent() {
        return idempotent;
    }

    /**
     * Whether the governor may follow a redirect (RFC 9110 section 15.4) to {@code target}; asked for every hop.
     * With the rule given to {@link Builder#redirectsOnlyTo}, that rule decides; without one, only the same origin
     * as {@link #uri()} is allowed (same host and port, or the same host upgraded from {@code http} on port 80 to
     * {@code https} on 443), so a mirror cannot send the node to another machine or to one of its own ports.
     *
     * @param target an absolute URI from a {@code Location} header, resolved against the hop that sent it
     * @return true when the redirect may be followed
     * @since 1.1
     */
    public boolean redirectAllowed(URI target) {
        return redirects != null ? redirects.test(target) : sameOrigin(uri, target);
    }

    private static boolean sameOrigin(URI from, URI to) {
        if (to.getHost() == null || !to.getHost().equalsIgnoreCase(from.getHost())) {
            return false;
        }
        int fromPort = port(from);
        int toPort = port(to);
        return fromPort == toPort || fromPort == 80 && toPort == 443 && "https".equalsIgnoreCase(to.getScheme());
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    @Override
    public String toString() {
        return method + " " + uri + (range == null ? "" : " " + range.toHeaderValue());
    }

    /** Collects and validates the parts of a {@link MirrorRequest}; not thread-safe. */
    public static final class Builder {
        private final Method method;
        private final URI uri;
        private Duration deadline;
        private Instant ifModifiedSince;
        private String ifNoneMatch;
        private ByteRange range;
        private Compression decode = Compression.NONE;
        private boolean idempotent = true;
        private Predicate<URI> redirects;

        private Builder(Method method, URI uri) {
            this.method = method;
            this.uri = checkUri(uri);
        }

        /**
         * @param deadline the whole-request deadline, {@code > 0} and {@code <=} {@link #MAX_DEADLINE}
         * @return this builder
         */
        public Builder deadline(Duration deadline) {
            Objects.requireNonNull(deadline, "deadline");
            if (deadline.isNegative() || deadline.isZero() || deadline.compareTo(MAX_DEADLINE) > 0) {
                throw new IllegalArgumentException("deadline " + deadline + " (expected: > 0 and <= " + MAX_DEADLINE + ")");
            }
            this.deadline = deadline;
            return this;
        }

        /**
         * @param instant the {@code Last-Modified} of the copy the caller holds (sent at second precision)
         * @return this builder
         */
        public Builder ifModifiedSince(Instant instant) {
            this.ifModifiedSince = Objects.requireNonNull(instant, "ifModifiedSince");
            return this;
        }

        /**
         * @param entityTags the {@code ETag} of the copy the caller holds, such as {@code "5f3a-1b2c"}
         * @return this builder
         */
        public Builder ifNoneMatch(String entityTags) {
            Objects.requireNonNull(entityTags, "ifNoneMatch");
            if (entityTags.isEmpty() || entityTags.length() > MAX_ENTITY_TAG_LENGTH
                    || !entityTags.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                throw new IllegalArgumentException("If-None-Match value of length " + entityTags.length()
                        + " (expected: 1 to " + MAX_ENTITY_TAG_LENGTH + " visible ASCII characters)");
            }
            this.ifNoneMatch = entityTags;
            return this;
        }

        /**
         * @param first the first byte position
         * @param lastInclusive the last byte position, inclusive
         * @return this builder
         */
        public Builder range(long first, long lastInclusive) {
            return range(ByteRange.of(first, lastInclusive));
        }

        /**
         * @param first the first byte position; the range runs to the end
         * @return this builder
         */
        public Builder rangeFrom(long first) {
            return range(ByteRange.from(first));
        }

        /**
         * @param range the byte range
         * @return this builder
         */
        public Builder range(ByteRange range) {
            this.range = Objects.requireNonNull(range, "range");
            return this;
        }

        /**
         * @param compression how to decode a 200 body
         * @return this builder
         */
        public Builder decode(Compression compression) {
            this.decode = Objects.requireNonNull(compression, "decode");
            return this;
        }

        /**
         * @param idempotent false forbids retries and failover for this request
         * @return this builder
         */
        public Builder idempotent(boolean idempotent) {
            this.idempotent = idempotent;
            return this;
        }

        /**
         * @param allowed decides for every redirect hop whether it may be followed (for example: its host is one
         *        of the mirrors the node serves); must be thread-safe and quick, it runs on the governor's threads
         * @return this builder
         * @since 1.1
         */
        public Builder redirectsOnlyTo(Predicate<URI> allowed) {
            this.redirects = Objects.requireNonNull(allowed, "allowed");
            return this;
        }

        /**
         * @return the request
         * @throws IllegalArgumentException if decoding is combined with a range (a part of a
         *         compressed stream cannot be decoded on its own)
         */
        public MirrorRequest build() {
            if (range != null && decode != Compression.NONE) {
                throw new IllegalArgumentException("decode " + decode + " with range " + range.toHeaderValue()
                        + " (expected: decode NONE for range requests)");
            }
            return new MirrorRequest(this);
        }

        private static URI checkUri(URI uri) {
            Objects.requireNonNull(uri, "uri");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("URI scheme '" + uri.getScheme() + "' in " + uri + " (expected: http or https)");
            }
            if (uri.getRawUserInfo() != null) {
                // The URI is left out of the message: its user info may be a password.
                throw new IllegalArgumentException("URI with user info (expected: no credentials in mirror URIs)");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("URI " + uri + " has no host (expected: an absolute URI with a host)");
            }
            if (uri.toString().length() > MAX_URI_LENGTH) {
                throw new IllegalArgumentException("URI length " + uri.toString().length() + " (expected: <= " + MAX_URI_LENGTH + ")");
            }
            return uri;
        }
    }
}
