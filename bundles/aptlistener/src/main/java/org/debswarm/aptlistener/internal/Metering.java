package org.debswarm.aptlistener.internal;

import java.util.function.Supplier;

import org.debswarm.stats.StatsRecorder;

/**
 * What the listener tells the node's statistics: package bytes fetched from mirrors and package files served to
 * apt, from the store or not. The listener knows files, not torrents, so no info hash is given. Without a
 * statistics service nothing is recorded.
 */
final class Metering {

    private final Supplier<StatsRecorder> stats;

    Metering(Supplier<StatsRecorder> stats) {
        this.stats = stats;
    }

    void fromMirror(String host, long bytes) {
        StatsRecorder recorder = stats.get();
        if (recorder != null && bytes > 0) {
            recorder.mirrorDownloaded(null, host, bytes);
        }
    }

    void served(long bytes, boolean fromStore) {
        StatsRecorder recorder = stats.get();
        if (recorder != null) {
            recorder.fileServed(null, bytes, fromStore);
        }
    }
}
