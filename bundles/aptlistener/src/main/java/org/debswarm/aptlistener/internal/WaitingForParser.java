package org.debswarm.aptlistener.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Release files and indices that passed to apt while no {@code ControlParser} service was bound: a node
 * starting (FileInstall may start the rfc822 bundle after the listener serves) or that bundle being replaced.
 * They are handled again, in the order they passed, once a parser is bound. Until then the catalog counts them
 * as work under way for their host ({@link Catalog#track}), so that a package request waits for them (at most
 * {@code catalogWait}) instead of passing its file through unstored; after {@link #GRACE} without a parser,
 * requests stop waiting.
 */
final class WaitingForParser {

    /** How long package requests of a host wait, at most, for a parser that does not come. */
    static final Duration GRACE = Duration.ofSeconds(30);

    /** An index that passed, with whether it was asked for by its by-hash name. */
    record Pass(CachedIndex index, boolean byHash) {
    }

    /** What to handle again, and what to complete once that is done. */
    record Batch(List<Pass> passes, List<CompletableFuture<Void>> handled) {
        boolean isEmpty() {
            return passes.isEmpty() && handled.isEmpty();
        }
    }

    private static final Batch EMPTY = new Batch(List.of(), List.of());

    private final Catalog catalog;
    /** Guarded by this. */
    private final List<Pass> passes = new ArrayList<>();
    /** Per host, completed once its passes have been handled again; guarded by this. */
    private final Map<String, CompletableFuture<Void>> hosts = new HashMap<>();

    WaitingForParser(Catalog catalog) {
        this.catalog = catalog;
    }

    void add(CachedIndex index, boolean byHash) {
        CompletableFuture<Void> handled = null;
        synchronized (this) {
            passes.add(new Pass(index, byHash));
            if (!hosts.containsKey(index.host())) {
                handled = new CompletableFuture<>();
                hosts.put(index.host(), handled);
            }
        }
        if (handled != null) {
            catalog.track(index.host(), handled.completeOnTimeout(null, GRACE.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    /** @return everything added so far, now forgotten here */
    synchronized Batch take() {
        if (passes.isEmpty() && hosts.isEmpty()) {
            return EMPTY;
        }
        Batch batch = new Batch(List.copyOf(passes), List.copyOf(hosts.values()));
        passes.clear();
        hosts.clear();
        return batch;
    }
}
