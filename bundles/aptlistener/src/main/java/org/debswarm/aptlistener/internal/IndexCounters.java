package org.debswarm.aptlistener.internal;

import java.util.concurrent.atomic.LongAdder;

import org.debswarm.aptlistener.IndexParseCounts;
import org.debswarm.aptlistener.PackagesIndex;

/**
 * The listener's running counts of index reading ({@link IndexParseCounts}): bumped by the catalog's thread and by
 * request threads, read by the statistics at any time.
 */
final class IndexCounters {

    private final LongAdder packagesParsed = new LongAdder();
    private final LongAdder sourcesParsed = new LongAdder();
    private final LongAdder releasesRead = new LongAdder();
    private final LongAdder unchangedIndices = new LongAdder();
    private final LongAdder unchangedReleases = new LongAdder();

    void parsed(PackagesIndex index) {
        (index.isSources() ? sourcesParsed : packagesParsed).increment();
    }

    void releaseRead() {
        releasesRead.increment();
    }

    void indexUnchanged() {
        unchangedIndices.increment();
    }

    void releaseUnchanged() {
        unchangedReleases.increment();
    }

    IndexParseCounts snapshot() {
        return new IndexParseCounts(packagesParsed.sum(), sourcesParsed.sum(), releasesRead.sum(),
                unchangedIndices.sum(), unchangedReleases.sum());
    }
}
