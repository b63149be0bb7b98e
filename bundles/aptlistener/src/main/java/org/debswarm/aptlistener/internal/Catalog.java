package org.debswarm.aptlistener.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.debswarm.aptlistener.IndexCatalog;
import org.debswarm.aptlistener.IndexEntry;
import org.debswarm.aptlistener.IndexParseCounts;
import org.debswarm.aptlistener.PackagesIndex;
import org.debswarm.aptlistener.PackagesIndexListener;
import org.debswarm.rfc822.ControlParser;
import org.debswarm.storage.FileKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link IndexCatalog}: the parsed {@code Packages} indices per host, one per source (an index path
 * without its compression suffix). Parsing and listener calls run on one thread, in order, so a newer
 * version of a source is always published after an older one; look-ups never wait for it, except
 * {@link #entryAwaiting} which waits, bounded, for parses of the host still under way.
 * <p>
 * Public (in a private package) for the benchmark in {@code bench/}.
 */
public final class Catalog implements IndexCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(Catalog.class);

    private final Supplier<ControlParser> parser;
    private final ExecutorService thread;
    private final Map<String, Map<String, PackagesReading.Parsed>> byHost = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
    private final List<PackagesIndexListener> listeners = new CopyOnWriteArrayList<>();
    private final IndexCounters counters;
    private volatile CompletableFuture<Void> warmUp = CompletableFuture.completedFuture(null);

    /**
     * @param parser the control-file parser, or a supplier of null while none is available
     * @param thread a single-thread executor owned by the caller
     */
    public Catalog(Supplier<ControlParser> parser, ExecutorService thread) {
        this(parser, thread, new IndexCounters());
    }

    /** @param counters where parses and indices found unchanged are counted (shared with the Release reading) */
    Catalog(Supplier<ControlParser> parser, ExecutorService thread, IndexCounters counters) {
        this.parser = parser;
        this.thread = thread;
        this.counters = counters;
    }

    @Override
    public Optional<FileKey> entryFor(String host, String path) {
        PackagesReading.Parsed best = null;
        IndexEntry found = null;
        for (PackagesReading.Parsed parsed : byHost.getOrDefault(host, Map.of()).values()) {
            IndexEntry entry = parsed.byPath().get(path);
            if (entry != null && (best == null || parsed.index().parsedAt().isAfter(best.index().parsedAt()))) {
                best = parsed;
                found = entry;
            }
        }
        return Optional.ofNullable(found).map(IndexEntry::key);
    }

    @Override
    public List<PackagesIndex> indexes() {
        List<PackagesIndex> all = new ArrayList<>();
        byHost.values().forEach(sources -> sources.values().forEach(p -> all.add(p.index())));
        return all;
    }

    @Override
    public IndexParseCounts parseCounts() {
        return counters.snapshot();
    }

    /**
     * {@link #entryFor}, after waiting up to {@code bound} for the work of {@code host} under way (and the work it
     * leads to) when the path is not (yet) known: apt asks for packages right after the index that lists them.
     */
    Optional<FileKey> entryAwaiting(String host, String path, Duration bound) {
        long end = System.nanoTime() + bound.toNanos();
        Optional<FileKey> key = entryFor(host, path);
        for (CompletableFuture<?>[] pending = pending(host); key.isEmpty() && pending.length > 0;
                pending = pending(host)) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                CompletableFuture.allOf(pending).get(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                LOG.debug("Looking up {}/{} without the parses still under way: {}", host, path, e.toString());
                break;
            }
            key = entryFor(host, path); // work may have led to more work (a Release read, then its indices)
        }
        return key.isPresent() ? key : entryFor(host, path);
    }

    /**
     * The start-up reading of the index cache (which catalogues what the node knew before it stopped): until it
     * is done, look-ups of every host wait for it too, bounded as the other work, so that a package asked for
     * right after a restart is not passed through unstored for want of its index.
     */
    void warmingUp(CompletableFuture<Void> done) {
        warmUp = done;
    }

    /**
     * @return the work under way for {@code host}: parses, downloads or reads that will end in some, and the
     *         start-up reading of the cache
     */
    private CompletableFuture<?>[] pending(String host) {
        Stream<CompletableFuture<Void>> forHost = inFlight.entrySet().stream()
                .filter(e -> e.getKey().startsWith(host + "\n")).map(Map.Entry::getValue);
        return Stream.concat(forHost, Stream.of(warmUp)).filter(f -> !f.isDone()).toArray(CompletableFuture[]::new);
    }

    /**
     * Parses a {@code Packages} file unless the catalog already holds this content for its source.
     *
     * @param indexPath the real name of the index, whose suffix gives the compression
     * @param sha256 the SHA-256 of the file's bytes as cached: the content's identity
     * @return completes when the index is parsed and announced (never exceptionally)
     */
    public CompletableFuture<Void> ensureParsed(String host, String indexPath, Path file, String sha256) {
        String source = PackagesIndex.withoutCompression(indexPath);
        PackagesReading.Parsed current = byHost.getOrDefault(host, Map.of()).get(source);
        if (current != null && current.index().sha256().equals(sha256)) {
            counters.indexUnchanged();
            return CompletableFuture.completedFuture(null);
        }
        String key = host + "\n" + source + "\n" + sha256;
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> prior = inFlight.putIfAbsent(key, done);
        if (prior != null) {
            return prior;
        }
        Runnable task = () -> {
            try {
                parse(host, indexPath, file, sha256);
            } finally {
                inFlight.remove(key, done);
                done.complete(null);
            }
        };
        try {
            thread.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            inFlight.remove(key, done);
            done.complete(null);
        }
        return done;
    }

    /** Makes {@link #entryAwaiting} wait for {@code work} too: a download that will end in a parse. */
    void track(String host, CompletableFuture<?> work) {
        String key = host + "\n" + java.util.UUID.randomUUID();
        CompletableFuture<Void> done = work.handle((v, e) -> null);
        inFlight.put(key, done);
        done.whenComplete((v, e) -> inFlight.remove(key, done));
    }

    /** @return the catalogued index of the source of {@code indexPath}, whatever its compression */
    Optional<PackagesIndex> current(String host, String indexPath) {
        return Optional.ofNullable(byHost.getOrDefault(host, Map.of()).get(PackagesIndex.withoutCompression(indexPath)))
                .map(PackagesReading.Parsed::index);
    }

    private void parse(String host, String indexPath, Path file, String sha256) {
        String source = PackagesIndex.withoutCompression(indexPath);
        PackagesReading.Parsed current = byHost.getOrDefault(host, Map.of()).get(source);
        if (current != null && current.index().sha256().equals(sha256)) {
            counters.indexUnchanged(); // parsed while this one waited in the queue
            return;
        }
        ControlParser p = parser.get();
        if (p == null) {
            LOG.warn("No ControlParser service: {}/{} is served but not catalogued", host, indexPath);
            return;
        }
        try {
            long start = System.nanoTime();
            PackagesReading.Parsed parsed = PackagesReading.read(p, host, indexPath, file);
            counters.parsed(parsed.index()); // before it can be looked up: whoever finds it sees it counted
            byHost.computeIfAbsent(host, h -> new ConcurrentHashMap<>()).put(source, parsed);
            LOG.info("Catalogued {}/{}: {} files in {} ms", host, indexPath, parsed.index().entries().size(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            listeners.forEach(l -> announce(l, parsed.index()));
        } catch (Exception e) {
            LOG.warn("Cannot catalogue {}/{}: {}", host, indexPath, e.toString());
        }
    }

    /** Registers a listener and tells it of every current index, on the catalog's thread. */
    void addListener(PackagesIndexListener listener) {
        execute(() -> {
            listeners.add(listener);
            indexes().forEach(index -> announce(listener, index));
        });
    }

    void removeListener(PackagesIndexListener listener) {
        listeners.remove(listener);
    }

    /** Runs {@code task} on the catalog's thread, after the parses queued before it. */
    void execute(Runnable task) {
        try {
            thread.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Catalog stopped; dropping a task");
        }
    }

    private void announce(PackagesIndexListener listener, PackagesIndex index) {
        if (!listeners.contains(listener)) {
            return;
        }
        try {
            listener.packagesIndexed(index);
        } catch (RuntimeException e) {
            LOG.warn("PackagesIndexListener {} failed on {}", listener, index, e);
        }
    }
}
