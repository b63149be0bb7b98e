package org.debswarm.aptlistener.internal;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.debswarm.aptlistener.Fill;
import org.debswarm.aptlistener.PackageSource;
import org.debswarm.aptlistener.SourcesBelow;
import org.debswarm.storage.BeginResult;
import org.debswarm.storage.FileWrite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The package sources, highest service ranking first, and the mirror below them all. The registered ones come
 * and go at run time; a write that a source took and had not finished when it went away is handed to the
 * sources below it, down to the mirror, so apt's download goes on from where it is ("take over" is "offer to
 * the next source").
 */
final class PackageSources {

    private static final Logger LOG = LoggerFactory.getLogger(PackageSources.class);

    /** Ordered by ranking (highest first), then by service id (oldest first). */
    record Rank(int ranking, long serviceId) {
        static final Comparator<Rank> ORDER = Comparator.comparingInt(Rank::ranking).reversed()
                .thenComparingLong(Rank::serviceId);
    }

    private final ConcurrentSkipListMap<Rank, PackageSource> sources = new ConcurrentSkipListMap<>(Rank.ORDER);
    private final Map<Rank, Set<FileWrite>> taken = new ConcurrentHashMap<>();
    private final MirrorSource mirror;

    PackageSources(MirrorSource mirror) {
        this.mirror = mirror;
    }

    void add(Rank rank, PackageSource source) {
        sources.put(rank, source);
    }

    /** The source is gone (its bundle stopped or is being updated): what it took goes to the sources below. */
    void remove(Rank rank) {
        sources.remove(rank);
        Set<FileWrite> left = taken.remove(rank);
        if (left != null) {
            left.stream().filter(write -> !write.isDone()).forEach(write -> handDown(rank, write));
        }
    }

    /**
     * Offers a write the listener created to every source, highest first; the mirror takes it if none does.
     *
     * @return the fill of the source that took it
     */
    Fill offer(FileWrite write) {
        return offer(write, sources, null);
    }

    /**
     * Gets a begun write filled: one this request created is offered to the sources ({@link #offer}); one
     * another request began is already being filled.
     *
     * @return the mirror's fill of the write, when the mirror fills it (its answer decides apt's status)
     */
    Optional<MirrorFill> fill(BeginResult begin) {
        FileWrite write = begin.write().orElseThrow();
        return begin.outcome() == BeginResult.Outcome.CREATED
                ? Optional.of(offer(write)).filter(MirrorFill.class::isInstance).map(MirrorFill.class::cast)
                : mirror.find(write.key().sha256());
    }

    private Fill offer(FileWrite write, Map<Rank, PackageSource> candidates, String infoHash) {
        for (Map.Entry<Rank, PackageSource> entry : candidates.entrySet()) {
            Rank rank = entry.getKey();
            try {
                Optional<Fill> fill = entry.getValue().offer(write, below(rank));
                if (fill.isPresent()) {
                    LOG.debug("{}/{} taken by {}", write.key().host(), write.key().path(), entry.getValue());
                    watch(rank, write);
                    return fill.get();
                }
            } catch (RuntimeException e) {
                LOG.warn("Package source {} failed on {}/{}: {}", entry.getValue(), write.key().host(),
                        write.key().path(), e.toString());
            }
        }
        return mirror.fill(write, infoHash);
    }

    /** The sources ranked below {@code rank}, then the mirror. */
    private SourcesBelow below(Rank rank) {
        return (write, infoHash) -> offer(write, sources.tailMap(rank, false), infoHash);
    }

    private void handDown(Rank rank, FileWrite write) {
        LOG.info("{}/{}: its package source went away; the sources below finish it from byte {}",
                write.key().host(), write.key().path(), write.available());
        below(rank).fill(write, null);
    }

    /** Hands {@code write} down if the source of {@code rank} goes away before it is done. */
    private void watch(Rank rank, FileWrite write) {
        Set<FileWrite> writes = taken.computeIfAbsent(rank, r -> ConcurrentHashMap.newKeySet());
        writes.add(write);
        write.completion().whenComplete((file, failure) -> writes.remove(write));
        if (!sources.containsKey(rank) && writes.remove(write)) {
            handDown(rank, write); // it went away while this was being set up
        }
    }
}
