package org.debswarm.stats.internal;

import org.debswarm.stats.Rates;

/**
 * Rates over a window of about ten seconds, from samples of the absolute counters that the writer takes on
 * each tick; producers never touch it.
 */
final class RateMeter {

    static final long WINDOW_MILLIS = 10_000;

    // writer thread only
    private long markAt = -1;
    private long markPeers;
    private long markMirrors;
    private long markUploaded;
    private volatile Rates rates = Rates.ZERO;

    void sample(long now, long fromPeers, long fromMirrors, long uploaded) {
        if (markAt >= 0) {
            long elapsed = now - markAt;
            if (elapsed < WINDOW_MILLIS) {
                return;
            }
            double perSecond = 1000.0 / elapsed;
            rates = new Rates((fromPeers - markPeers) * perSecond, (fromMirrors - markMirrors) * perSecond,
                    (uploaded - markUploaded) * perSecond);
        }
        markAt = now;
        markPeers = fromPeers;
        markMirrors = fromMirrors;
        markUploaded = uploaded;
    }

    Rates rates() {
        return rates;
    }
}
