package org.debswarm.stats.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import org.debswarm.stats.Figures;

/** The counters of the node or of one torrent, each with the name it has in the database. */
final class FigureCounters {

    static final String MIRROR_PREFIX = "mirror:";
    private static final int MAX_HOST_LENGTH = 255;

    final Counter fromPeers;
    final Counter uploaded;
    final Counter servedToApt;
    final Counter filesFromStore;
    final Counter filesFetched;
    final Counter verificationFailures;
    final Counter bans;
    private final Map<String, Counter> fixed = new LinkedHashMap<>();
    private final ConcurrentHashMap<String, Counter> mirrors = new ConcurrentHashMap<>();

    /** @param stored values by database name, as loaded; missing ones start at zero */
    FigureCounters(Map<String, Long> stored) {
        fromPeers = fixed("from_peers", stored);
        uploaded = fixed("uploaded", stored);
        servedToApt = fixed("served_to_apt", stored);
        filesFromStore = fixed("files_from_store", stored);
        filesFetched = fixed("files_fetched", stored);
        verificationFailures = fixed("verification_failures", stored);
        bans = fixed("bans", stored);
        stored.forEach((name, value) -> {
            if (name.startsWith(MIRROR_PREFIX)) {
                mirrors.put(name.substring(MIRROR_PREFIX.length()), new Counter(value));
            }
        });
    }

    private Counter fixed(String name, Map<String, Long> stored) {
        Counter counter = new Counter(stored.getOrDefault(name, 0L));
        fixed.put(name, counter);
        return counter;
    }

    Counter mirror(String host) {
        Counter counter = mirrors.get(host);
        if (counter == null) {
            String key = Ids.text("mirrorHost", host, MAX_HOST_LENGTH);
            counter = mirrors.computeIfAbsent(key, h -> new Counter(0));
        }
        return counter;
    }

    /** Every counter with its database name. */
    void forEach(BiConsumer<String, Counter> action) {
        fixed.forEach(action);
        mirrors.forEach((host, counter) -> action.accept(MIRROR_PREFIX + host, counter));
    }

    long fromMirrors() {
        long sum = 0;
        for (Counter counter : mirrors.values()) {
            sum += counter.value();
        }
        return sum;
    }

    Figures snapshot() {
        Map<String, Long> hosts = new TreeMap<>();
        mirrors.forEach((host, counter) -> hosts.put(host, counter.value()));
        long mirrored = hosts.values().stream().mapToLong(Long::longValue).sum();
        return new Figures(fromPeers.value(), mirrored, uploaded.value(), servedToApt.value(),
                filesFromStore.value(), filesFetched.value(), verificationFailures.value(), bans.value(), hosts);
    }
}
