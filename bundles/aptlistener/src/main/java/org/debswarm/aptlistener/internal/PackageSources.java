package org.debswarm.aptlistener.internal;

import java.util.Comparator;
import java.util.concurrent.ConcurrentSkipListMap;

import org.debswarm.aptlistener.PackageSource;
import org.debswarm.storage.FileKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The registered {@link PackageSource}s, highest service ranking first; they come and go at run time. */
final class PackageSources {

    private static final Logger LOG = LoggerFactory.getLogger(PackageSources.class);

    /** Ordered by ranking (highest first), then by service id (oldest first). */
    record Rank(int ranking, long serviceId) {
        static final Comparator<Rank> ORDER = Comparator.comparingInt(Rank::ranking).reversed()
                .thenComparingLong(Rank::serviceId);
    }

    private final ConcurrentSkipListMap<Rank, PackageSource> sources = new ConcurrentSkipListMap<>(Rank.ORDER);

    void add(Rank rank, PackageSource source) {
        sources.put(rank, source);
    }

    void remove(Rank rank) {
        sources.remove(rank);
    }

    /** @return whether a source took the file; a source that fails is logged and passed over */
    boolean offer(FileKey key) {
        for (PackageSource source : sources.values()) {
            try {
                if (source.offer(key)) {
                    LOG.debug("{}/{} taken by {}", key.host(), key.path(), source);
                    return true;
                }
            } catch (RuntimeException e) {
                LOG.warn("Package source {} failed on {}/{}: {}", source, key.host(), key.path(), e.toString());
            }
        }
        return false;
    }
}
