package org.debswarm.aptlistener.internal;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.debswarm.aptlistener.PackageSource;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileWrite;
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

    /** A write a source claimed, and what finishes it if the source goes away first. */
    private record Claim(FileWrite write, Runnable takeOver) {
    }

    private final ConcurrentSkipListMap<Rank, PackageSource> sources = new ConcurrentSkipListMap<>(Rank.ORDER);
    private final Map<Rank, Set<Claim>> claims = new ConcurrentHashMap<>();

    void add(Rank rank, PackageSource source) {
        sources.put(rank, source);
    }

    /**
     * The source is gone (its bundle stopped or is being updated): the writes it claimed and has not finished
     * are taken over, so apt's downloads go on from where they are.
     */
    void remove(Rank rank) {
        sources.remove(rank);
        Set<Claim> left = claims.remove(rank);
        if (left != null) {
            left.stream().filter(claim -> !claim.write().isDone()).forEach(claim -> claim.takeOver().run());
        }
    }

    /** @return the source that took the file, if one did; a source that fails is logged and passed over */
    Optional<Rank> offer(FileKey key) {
        for (Map.Entry<Rank, PackageSource> entry : sources.entrySet()) {
            try {
                if (entry.getValue().offer(key)) {
                    LOG.debug("{}/{} taken by {}", key.host(), key.path(), entry.getValue());
                    return Optional.of(entry.getKey());
                }
            } catch (RuntimeException e) {
                LOG.warn("Package source {} failed on {}/{}: {}", entry.getValue(), key.host(), key.path(),
                        e.toString());
            }
        }
        return Optional.empty();
    }

    /** Runs {@code takeOver} if the source of {@code rank} goes away before {@code write} is done. */
    void watch(Rank rank, FileWrite write, Runnable takeOver) {
        Claim claim = new Claim(write, takeOver);
        Set<Claim> mine = claims.computeIfAbsent(rank, r -> ConcurrentHashMap.newKeySet());
        mine.add(claim);
        write.completion().whenComplete((file, failure) -> mine.remove(claim));
        if (!sources.containsKey(rank) && mine.remove(claim)) {
            takeOver.run(); // it went away while this was being set up
        }
    }
}
