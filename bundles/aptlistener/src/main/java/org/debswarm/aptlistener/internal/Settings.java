package org.debswarm.aptlistener.internal;

import java.time.Duration;
import java.util.Locale;

/**
 * The validated configuration the handlers use.
 *
 * @param mirrorScheme {@code http} or {@code https}: how the node reaches mirrors
 * @param indexDeadline whole-request deadline of an index download
 * @param debDeadline whole-request deadline of a package download (and of a client's wait for it)
 * @param indexFreshness how long a cached index is served without asking the mirror (zero: always ask)
 * @param catalogWait how long a package request waits for index parses of its host still under way
 * @param httpsMirrors mirrors marked {@code https://} in {@code allowedMirrors}: reached over TLS whatever
 *                     {@code mirrorScheme} says
 */
record Settings(String mirrorScheme, Duration indexDeadline, Duration debDeadline, Duration indexFreshness,
        Duration catalogWait, java.util.Set<String> httpsMirrors) {

    Settings(String mirrorScheme, Duration indexDeadline, Duration debDeadline, Duration indexFreshness,
            Duration catalogWait) {
        this(mirrorScheme, indexDeadline, debDeadline, indexFreshness, catalogWait, java.util.Set.of());
    }

    /**
     * @param host a mirror authority as the request names it (normalised, as {@link RequestTarget#host()})
     * @return {@code https} for a mirror marked {@code https://} in {@code allowedMirrors}, else {@link #mirrorScheme}
     */
    String schemeFor(String host) {
        return httpsMirrors.contains(host) ? "https" : mirrorScheme;
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
                seconds("catalogWait", config.catalogWait(), 0),
                MirrorAllowList.of(config.allowedMirrors()).https());
    }

    private static Duration seconds(String name, long value, long min) {
        if (value < min || value > 86_400) {
            throw new IllegalArgumentException(name + " " + value + " s (expected: " + min + " to 86400)");
        }
        return Duration.ofSeconds(value);
    }
}
