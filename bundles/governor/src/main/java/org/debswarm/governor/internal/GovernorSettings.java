package org.debswarm.governor.internal;

import java.time.Duration;

/**
 * The configuration, validated once: every value in range, durations typed. A bad value fails
 * activation with a message naming the property and its allowed range.
 */
record GovernorSettings(int maxPerHost, int maxTotal, int queueCapacity, Duration connectTimeout,
        Duration idleTimeout, Duration defaultDeadline, int maxAttempts, Duration backoffInitial,
        Duration backoffMax, int maxRedirects, MirrorGroups mirrorGroups, Duration keepAlive, int ioThreads,
        String userAgent, java.util.List<java.security.cert.X509Certificate> trustedCertificates,
        java.util.Map<String, Long> mirrorRateLimits) {

    static GovernorSettings from(JettyHttpGovernorConfiguration c) {
        return new GovernorSettings(
                range("maxConnectionsPerHost", c.maxConnectionsPerHost(), 1, 256),
                range("maxConnectionsTotal", c.maxConnectionsTotal(), 1, 4096),
                range("queueCapacity", c.queueCapacity(), 0, 100_000),
                millis("connectTimeoutMillis", c.connectTimeoutMillis(), 1),
                millis("idleTimeoutMillis", c.idleTimeoutMillis(), 1),
                millis("defaultDeadlineMillis", c.defaultDeadlineMillis(), 1),
                range("maxAttempts", c.maxAttempts(), 1, 20),
                millis("backoffInitialMillis", c.backoffInitialMillis(), 0),
                millis("backoffMaxMillis", c.backoffMaxMillis(), 0),
                range("maxRedirects", c.maxRedirects(), 0, 20),
                MirrorGroups.parse(c.mirrorGroups()),
                millis("keepAliveMillis", c.keepAliveMillis(), 1),
                range("ioThreads", c.ioThreads(), 3, 256),
                userAgent(c.userAgent()),
                TrustedCertificates.read(c.trustedCertificates()),
                MirrorRates.parse(c.mirrorRateLimits()));
    }

    private static int range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    "configuration " + name + "=" + value + " (expected: " + min + " to " + max + ")");
        }
        return value;
    }

    private static Duration millis(String name, long value, long min) {
        long max = Duration.ofDays(1).toMillis();
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    "configuration " + name + "=" + value + " (expected: " + min + " to " + max + ")");
        }
        return Duration.ofMillis(value);
    }

    private static String userAgent(String value) {
        if (value == null || value.isBlank() || value.length() > 200
                || !value.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f)) {
            throw new IllegalArgumentException(
                    "configuration userAgent (expected: 1 to 200 visible ASCII characters)");
        }
        return value;
    }
}
