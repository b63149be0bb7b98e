package org.debswarm.aptlistener.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import org.debswarm.governor.MirrorRequest;

/**
 * The validated configuration the handlers use.
 *
 * @param mirrorScheme {@code http} or {@code https}: how the node reaches mirrors
 * @param indexDeadline whole-request deadline of an index download
 * @param debDeadline whole-request deadline of a package download (and of a client's wait for it)
 * @param indexFreshness how long a cached index is served without asking the mirror (zero: always ask)
 * @param catalogWait how long a package request waits for index parses of its host still under way
 * @param mirrors the mirrors apt may name (configuration {@code allowedMirrors}), the only ones a mirror's
 *        redirect may lead to, and which of them are marked {@code https://} (reached over TLS whatever
 *        {@code mirrorScheme} says)
 */
record Settings(String mirrorScheme, Duration indexDeadline, Duration debDeadline, Duration indexFreshness,
        Duration catalogWait, MirrorAllowList mirrors) {

    Settings(String mirrorScheme, Duration indexDeadline, Duration debDeadline, Duration indexFreshness,
            Duration catalogWait) {
        this(mirrorScheme, indexDeadline, debDeadline, indexFreshness, catalogWait, MirrorAllowList.of());
    }

    /**
     * @param host a mirror authority as the request names it (normalised, as {@link RequestTarget#host()})
     * @return {@code https} for a mirror marked {@code https://} in {@code allowedMirrors}, else {@link #mirrorScheme}
     */
    String schemeFor(String host) {
        return mirrors.https().contains(host) ? "https" : mirrorScheme;
    }

    /** Extra wait beyond a governor deadline, for its own failure to arrive first. */
    static final Duration SLACK = Duration.ofSeconds(5);

    static Settings of(AptListenerConfiguration config) {
        String scheme = config.mirrorScheme().trim().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("mirrorScheme '" + config.mirrorScheme() + "' (expected: http or https)");
        }
        return new Settings(scheme, seconds("indexDeadline", config.indexDeadline(), 1),
                seconds("debDeadline", config.debDeadline(), 1),
                seconds("indexFreshness", config.indexFreshness(), 0),
                seconds("catalogWait", config.catalogWait(), 0), MirrorAllowList.of(config.allowedMirrors()));
    }

    /**
     * The one way the listener starts a mirror request: the governor follows its redirects only to allowed
     * mirrors, each hop checked (issue 15, F6: a mirror, or anyone on a plain-HTTP path, answering 302 to
     * {@code http://127.0.0.1:8080/metrics} must not make the apt port serve the console's metrics).
     */
    MirrorRequest.Builder request(boolean head, URI uri) {
        return (head ? MirrorRequest.head(uri) : MirrorRequest.get(uri)).redirectsOnlyTo(mirrors::allows);
    }

    private static Duration seconds(String name, long value, long min) {
        if (value < min || value > 86_400) {
            throw new IllegalArgumentException(name + " " + value + " s (expected: " + min + " to 86400)");
        }
        return Duration.ofSeconds(value);
    }
}
