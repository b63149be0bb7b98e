package org.debswarm.node.internal.seed;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.debswarm.node.SeedImportReport;
import org.debswarm.storage.BeginResult;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileWrite;
import org.debswarm.storage.PieceStore;
import org.debswarm.storage.VerificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One import of a folder: walks it (symbolic links not followed, unreadable folders reported and skipped), and
 * copies each listed package file that the store lacks into a store write, a megabyte at a time. The store checks
 * the SHA-256 against the index before it keeps the file; only then is it offered to peers.
 */
final class ImportRun {

    private static final Logger LOG = LoggerFactory.getLogger(ImportRun.class);
    private static final long CHUNK = 1 << 20;

    private final Path folder;
    private final ListedDebs listed;
    private final PieceStore store;
    private final Consumer<FileKey> offer;
    private final Duration verifyDeadline;
    private final ImportProgress progress;
    private final CompletableFuture<SeedImportReport> done = new CompletableFuture<>();
    private volatile boolean stopping;

    /**
     * @param offer          told of each key the store holds after the import (to offer it to peers)
     * @param verifyDeadline how long the store may take to check one file once copied
     */
    ImportRun(Path folder, ListedDebs listed, PieceStore store, Consumer<FileKey> offer, Duration verifyDeadline) {
        this.folder = folder;
        this.listed = listed;
        this.store = store;
        this.offer = offer;
        this.verifyDeadline = verifyDeadline;
        this.progress = new ImportProgress(folder.toString());
    }

    void run() {
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (stopping) {
                        return FileVisitResult.TERMINATE;
                    }
                    if (attributes.isRegularFile() && ListedDebs.isPackageFile(file.getFileName().toString())) {
                        importOne(file, attributes.size());
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    progress.error(file + ": cannot be read: " + e.getMessage());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException e) {
            progress.error(folder + ": " + e);
        }
        progress.finish(stopping ? SeedImportReport.State.STOPPED : SeedImportReport.State.DONE);
        SeedImportReport report = progress.report();
        LOG.info("Seed import of {} {}: {} stored, {} held already, {} not listed, {} corrupt, {} errors", folder,
                report.state() == SeedImportReport.State.DONE ? "done" : "stopped", report.imported(),
                report.held(), report.unlisted(), report.corruptCount(), report.errorCount());
        done.complete(report);
    }

    /** Ends the run after the file it is copying (which is suspended, to be continued by a later import). */
    void stop() {
        stopping = true;
    }

    SeedImportReport report() {
        return progress.report();
    }

    CompletableFuture<SeedImportReport> done() {
        return done;
    }

    private void importOne(Path file, long size) {
        progress.scanned();
        List<FileKey> keys = listed.matching(file.getFileName().toString(), size);
        if (keys.isEmpty()) {
            progress.unlisted();
            return;
        }
        try {
            BeginResult begin = store.begin(keys.get(0));
            switch (begin.outcome()) {
                case STORED -> {
                    progress.held();
                    keep(keys);
                }
                case JOINED -> progress.held(); // apt or a peer is fetching it right now
                case CREATED -> copy(file, begin.write().orElseThrow(), keys);
            }
        } catch (IOException | RuntimeException e) {
            progress.error(file + ": " + e);
        }
    }

    private void copy(Path file, FileWrite write, List<FileKey> keys) throws IOException {
        long size = write.size();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = write.available(); // a write cut short by an earlier import goes on from there
            WritableByteChannel out = write.appender(position);
            while (position < size && !stopping) {
                long moved = in.transferTo(position, Math.min(CHUNK, size - position), out);
                if (moved <= 0) {
                    write.abort("the file ended early while it was imported");
                    progress.error(file + ": shorter than when the import found it");
                    return;
                }
                position += moved;
            }
        } catch (IOException | RuntimeException e) {
            write.suspend("the import could not read " + file);
            throw e;
        }
        if (stopping && !write.isDone()) {
            write.suspend("the import stopped");
            return;
        }
        awaitVerified(file, write, keys);
    }

    private void awaitVerified(Path file, FileWrite write, List<FileKey> keys) {
        try {
            write.completion().get(verifyDeadline.toMillis(), TimeUnit.MILLISECONDS);
            progress.imported(write.size());
            keep(keys);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof VerificationException) {
                progress.corrupt(file + ": its SHA-256 is not the " + keys.get(0).sha256() + " that "
                        + keys.get(0).host() + "/" + keys.get(0).path() + " must have");
            } else {
                progress.error(file + ": " + e.getCause());
            }
        } catch (TimeoutException e) {
            write.suspend("not checked within " + verifyDeadline);
            progress.error(file + ": the store did not check it within " + verifyDeadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            write.suspend("the import stopped");
        }
    }

    /** The content is stored: every other path listing it is linked to it, and every one offered to peers. */
    private void keep(List<FileKey> keys) {
        for (FileKey key : keys) {
            try {
                if (store.linkIfKnown(key).isPresent()) {
                    offer.accept(key);
                }
            } catch (IOException e) {
                progress.error(key.host() + "/" + key.path() + ": not linked: " + e.getMessage());
            }
        }
    }
}
