package org.debswarm.governor.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configured download limits per mirror host (configuration {@code mirrorRateLimits}: entries
 * {@code host=KiB/s}, {@code host:port=KiB/s} or {@code *=KiB/s} for every other host), and one {@link Throttle}
 * per limited host, shared by all its downloads.
 */
final class MirrorRates {

    private static final String ANY = "*";

    private final Map<String, Long> limits;
    private final Map<String, Throttle> throttles = new ConcurrentHashMap<>();

    MirrorRates(Map<String, Long> limits) {
        this.limits = Map.copyOf(limits);
    }

    /**
     * @param entries {@code host=KiB/s}; an entry may hold several separated by commas
     * @return host (as the governor names it, {@link Hosts#key}) to bytes per second
     * @throws IllegalArgumentException naming the bad entry
     */
    static Map<String, Long> parse(String[] entries) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String entry : entries) {
            for (String part : entry.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                int eq = part.indexOf('=');
                String host = eq < 0 ? "" : part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                long kib;
                try {
                    kib = eq < 0 ? -1 : Long.parseLong(part.substring(eq + 1).trim());
                } catch (NumberFormatException e) {
                    kib = -1;
                }
                if (host.isEmpty() || kib < 1 || kib > 100L * 1024 * 1024) {
                    throw new IllegalArgumentException("configuration mirrorRateLimits entry '" + part.trim()
                            + "' (expected: host=KiB/s or *=KiB/s, 1 to 104857600 KiB/s)");
                }
                out.put(host.endsWith(":80") || host.endsWith(":443") ? host.substring(0, host.lastIndexOf(':')) : host,
                        kib * 1024);
            }
        }
        return out;
    }

    /** @param host as {@link Hosts#key} names it */
    Throttle of(String host) {
        Long limit = limits.getOrDefault(host, limits.get(ANY));
        if (limit == null) {
            return Throttle.NONE;
        }
        return throttles.computeIfAbsent(host, h -> new Throttle(limit, System.nanoTime()));
    }
}
