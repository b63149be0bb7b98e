package org.debswarm.node.internal.seed;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.debswarm.aptlistener.IndexCatalog;
import org.debswarm.commons.Shutdown;
import org.debswarm.node.SeedImport;
import org.debswarm.node.SeedImportReport;
import org.debswarm.node.internal.SwarmControl;
import org.debswarm.node.internal.apt.PieceLocator;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.PieceStore;
import org.debswarm.torrent.TorrentRegistry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SeedImport} service: one import at a time on the thread {@code debswarm-seed-import} (lowest
 * priority). An imported file is offered to peers as apt's own downloads are: the running session of a Packages
 * torrent listing it is told to want that piece, finds it stored and announces it.
 */
@Component(service = SeedImport.class)
public final class SeedImporter implements SeedImport {

    private static final Logger LOG = LoggerFactory.getLogger(SeedImporter.class);
    /** How long the store may take to check one imported file (a 1 GB file at 20 MB/s on a busy disk). */
    private static final Duration VERIFY_DEADLINE = Duration.ofMinutes(2);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final IndexCatalog catalog;
    private final PieceStore store;
    private final TorrentRegistry registry;
    private final SwarmControl swarm;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "debswarm-seed-import");
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    private ImportRun current; // guarded by this

    @Activate
    public SeedImporter(@Reference IndexCatalog catalog, @Reference PieceStore store,
                        @Reference TorrentRegistry registry, @Reference SwarmControl swarm) {
        this.catalog = catalog;
        this.store = store;
        this.registry = registry;
        this.swarm = swarm;
    }

    @Override
    public synchronized SeedImportReport start(Path folder) {
        if (!folder.isAbsolute() || !Files.isDirectory(folder) || !Files.isReadable(folder)) {
            throw new IllegalArgumentException(folder + " is not an absolute path to a folder this node can read");
        }
        if (current != null && !current.done().isDone()) {
            throw new IllegalStateException("an import of " + current.report().folder() + " is running");
        }
        ImportRun run = new ImportRun(folder, new ListedDebs(catalog), store, this::offer, VERIFY_DEADLINE);
        current = run;
        thread.execute(run::run);
        LOG.info("Seed import of {} started", folder);
        return run.report();
    }

    @Override
    public synchronized Optional<SeedImportReport> last() {
        return current == null ? Optional.empty() : Optional.of(current.report());
    }

    @Override
    public synchronized CompletableFuture<SeedImportReport> whenDone() {
        return current == null ? CompletableFuture.failedFuture(new NoSuchElementException("no import ran"))
                : current.done().copy();
    }

    private void offer(FileKey key) {
        swarm.content().ifPresent(content -> content.offer(java.util.List.of(key)));
        PieceLocator.find(registry.torrents(), key).ifPresent(at ->
                swarm.want(at.torrent().infoHash(), at.piece()).exceptionally(noSession -> null));
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            if (current != null) {
                current.stop();
            }
        }
        Shutdown.orderly(thread, "debswarm-seed-import", STOP_WAIT);
    }
}
