package org.debswarm.storage.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.debswarm.commons.Shutdown;
import org.debswarm.storage.BeginResult;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.StoredFile;
import org.debswarm.storage.WriteAbortedException;
import org.debswarm.storage.internal.ActiveWrite.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, joins and ends writes, and owns the store's one I/O thread, which verifies complete
 * files, records checkpoints and suspends idle writes. One thread is enough: hashing is bound by
 * the disk, and a node runs on small machines shared with other work.
 */
final class WriteManager implements WriteEvents {

    private static final Logger LOG = LoggerFactory.getLogger(WriteManager.class);

    private final Catalog catalog;
    private final PartialFiles partialFiles;
    private final PartialRecords partials;
    private final Stripes stripes;
    private final StoreOptions options;
    private final WriteRegistry registry = new WriteRegistry();
    private final Committer committer;
    private final ScheduledThreadPoolExecutor executor;
    private volatile boolean closed;

    WriteManager(StoreLayout layout, Catalog catalog, PartialRecords partials, Stripes stripes, StoreOptions options) {
        this.catalog = catalog;
        this.partialFiles = new PartialFiles(layout, partials);
        this.partials = partials;
        this.stripes = stripes;
        this.options = options;
        this.committer = new Committer(layout, catalog, partialFiles, partials, registry, stripes);
        this.executor = new ScheduledThreadPoolExecutor(1,
                r -> new Thread(r, "debswarm-storage-io"));
        // Idle checks are timers, not work: closing must not wait for them.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Removes what an earlier run left in {@code partial/} without a record. */
    void sweep() throws IOException {
        partialFiles.sweep();
    }

    BeginResult begin(FileKey key) throws IOException {
        List<String> orphans = new ArrayList<>();
        BeginResult result;
        synchronized (stripes.of(key.sha256())) {
            result = beginUnderStripe(key, orphans);
        }
        catalog.collect(orphans);
        if (result.outcome() == BeginResult.Outcome.CREATED) {
            started((ActiveWrite) result.write().orElseThrow());
        }
        return result;
    }

    private BeginResult beginUnderStripe(FileKey key, List<String> orphans) throws IOException {
        if (closed) {
            throw new WriteAbortedException("the store is closed");
        }
        Optional<StoredFile> stored = catalog.storedOrLinked(key, orphans);
        if (stored.isPresent()) {
            return BeginResult.stored(stored.get());
        }
        ActiveWrite running = registry.write(key.sha256());
        if (running != null) {
            return BeginResult.joined(running, running.targets().add(key));
        }
        WriteTargets targets = registry.targets(key.sha256(), key.size());
        try {
            targets.checkSize(key);
            PartialFiles.Opened opened = partialFiles.open(key);
            ActiveWrite write = new ActiveWrite(key, opened.file(), opened.channel(), opened.present(), targets, this,
                    options.checkpointBytes());
            registry.add(write);
            return BeginResult.created(write, targets.add(key));
        } finally {
            registry.forgetIfIdle(key.sha256());
        }
    }

    private void started(ActiveWrite write) {
        if (write.state() == State.VERIFYING) {
            completed(write); // empty file, or a resumed partial that was already complete
        } else {
            scheduleIdleCheck(write, options.idleTimeout().toNanos());
        }
    }

    CompletableFuture<StoredFile> whenStored(FileKey key) {
        if (closed) {
            return CompletableFuture.failedFuture(new WriteAbortedException("the store is closed"));
        }
        String sha = key.sha256();
        List<String> orphans = new ArrayList<>();
        CompletableFuture<StoredFile> future;
        try {
            synchronized (stripes.of(sha)) {
                Optional<StoredFile> stored = catalog.storedOrLinked(key, orphans);
                future = stored.isPresent() ? CompletableFuture.completedFuture(stored.get())
                        : registry.targets(sha, key.size()).add(key);
            }
            catalog.collect(orphans);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        future.whenComplete((file, failure) -> forgetIfIdle(sha));
        return future;
    }

    private void forgetIfIdle(String sha) {
        synchronized (stripes.of(sha)) {
            registry.forgetIfIdle(sha);
        }
    }

    int activeWrites() {
        return registry.size();
    }

    @Override
    public void completed(ActiveWrite write) {
        try {
            executor.execute(() -> committer.commit(write));
        } catch (RejectedExecutionException e) {
            // Closing: keep the complete partial; the next start verifies it when it is asked for.
            committer.end(write, new WriteAbortedException("the store is closing"), State.VERIFYING, true);
        }
    }

    @Override
    public void checkpointDue(ActiveWrite write) {
        try {
            executor.execute(() -> checkpoint(write));
        } catch (RejectedExecutionException e) {
            LOG.debug("Checkpoint of {} skipped: the store is closing", write.key());
        }
    }

    private void checkpoint(ActiveWrite write) {
        try {
            write.checkpoint(partials);
        } catch (IOException e) {
            LOG.warn("Recording the progress of {} failed: {}", write.key(), e.toString());
        }
    }

    @Override
    public void abort(ActiveWrite write, String reason) {
        committer.end(write, new WriteAbortedException("write of " + write.key() + " aborted: " + reason),
                State.OPEN, false);
    }

    @Override
    public void suspend(ActiveWrite write, String reason) {
        committer.end(write, new WriteAbortedException("write of " + write.key() + " suspended: " + reason),
                State.OPEN, true);
    }

    private void scheduleIdleCheck(ActiveWrite write, long delayNanos) {
        try {
            executor.schedule(() -> idleCheck(write), delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Idle check of {} not scheduled: the store is closing", write.key());
        }
    }

    /** A timer per write, re-armed for the rest of the timeout whenever bytes came meanwhile. */
    private void idleCheck(ActiveWrite write) {
        if (write.state() != State.OPEN) {
            return;
        }
        long limit = options.idleTimeout().toNanos();
        long idle = write.idleNanos();
        if (idle >= limit) {
            suspend(write, "no bytes for " + options.idleTimeout().toMillis() + " ms");
        } else {
            scheduleIdleCheck(write, limit - idle);
        }
    }

    /**
     * Suspends open writes (their partial files stay for the next start), lets verifications in
     * progress finish within the close timeout, and fails everyone still waiting.
     */
    void close() {
        closed = true;
        registry.writes().forEach(w -> suspend(w, "the store is closing"));
        Shutdown.orderly(executor, "Storage I/O", options.closeTimeout());
        WriteAbortedException closing = new WriteAbortedException("the store is closed");
        for (ActiveWrite w : registry.writes()) { // begun during close, or cut off while verifying
            committer.end(w, closing, State.OPEN, true);
            committer.end(w, closing, State.VERIFYING, true);
        }
        registry.allTargets().forEach(t -> t.fail(closing));
    }
}
