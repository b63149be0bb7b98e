package org.debswarm.webconsole.internal;

import java.util.Optional;

import org.debswarm.storage.StoreUsage;

/** The store's use against its limits in {@code /metrics}: {@code debswarm_store_*} families. */
final class StoreMetrics {

    private StoreMetrics() {
    }

    static void write(PrometheusText out, Optional<StoreUsage> usage) {
        out.family("debswarm_store_up", "gauge", "Whether the store is available (1) or not (0).")
                .sample("debswarm_store_up", usage.isPresent() ? 1 : 0);
        if (usage.isEmpty()) {
            return;
        }
        StoreUsage u = usage.get();
        gauge(out, "debswarm_store_bytes", "Bytes of the stored contents (each content once).", u.storedBytes());
        gauge(out, "debswarm_store_max_bytes", "Configured maxStoreBytes; 0: no limit.", u.maxStoreBytes());
        gauge(out, "debswarm_store_disk_usable_bytes", "Bytes still usable on the store's file system.",
                u.usableDiskBytes());
        gauge(out, "debswarm_store_min_free_disk_bytes", "Configured minFreeDiskBytes; 0: no limit.",
                u.minFreeDiskBytes());
        out.family("debswarm_store_evicted_files_total", "counter", "Contents evicted since the store started.")
                .sample("debswarm_store_evicted_files_total", u.evictedFiles());
        out.family("debswarm_store_evicted_bytes_total", "counter", "Bytes evicted since the store started.")
                .sample("debswarm_store_evicted_bytes_total", u.evictedBytes());
    }

    private static void gauge(PrometheusText out, String name, String help, long value) {
        out.family(name, "gauge", help).sample(name, value);
    }
}
