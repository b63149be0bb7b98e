package org.debswarm.node.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a folder for {@code *.torrent} files on a thread of its own ({@code debswarm-torrent-folder}),
 * woken by the {@link WatchService} (an event source, not a polling loop): a scan at start and after an
 * overflow, then each file created, changed or deleted.
 */
final class TorrentFolder {

    /** What the folder tells; called on the watch thread, so hand the work over. */
    interface Events {
        /** The {@code .torrent} files present now (at start, and after events were lost). */
        void scanned(List<Path> files);

        /** A {@code .torrent} file was created or written to. */
        void changed(Path file);

        void deleted(Path file);
    }

    private static final Logger LOG = LoggerFactory.getLogger(TorrentFolder.class);

    private final Path folder;
    private final Events events;
    private final Thread thread;
    private volatile WatchService watcher;
    private volatile boolean closed;

    TorrentFolder(Path folder, Events events) {
        this.folder = folder.toAbsolutePath().normalize();
        this.events = events;
        this.thread = new Thread(this::run, "debswarm-torrent-folder");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try (WatchService ws = folder.getFileSystem().newWatchService()) {
            watcher = ws;
            if (closed) {
                return;
            }
            Files.createDirectories(folder);
            folder.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            events.scanned(scan());
            LOG.debug("Watching {} for .torrent files", folder);
            while (!closed) {
                handle(ws.take());
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            LOG.debug("Stopped watching {}", folder);
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot watch {} for .torrent files", folder, e);
        }
    }

    private void handle(WatchKey key) throws IOException {
        for (WatchEvent<?> event : key.pollEvents()) { // the events of this wake-up, already queued
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                events.scanned(scan());
                continue;
            }
            Path file = folder.resolve((Path) event.context());
            if (isTorrent(file)) {
                if (event.kind() == StandardWatchEventKinds.ENTRY_DELETE) {
                    events.deleted(file);
                } else {
                    events.changed(file);
                }
            }
        }
        if (!key.reset()) {
            throw new IOException(folder + " is no longer accessible");
        }
    }

    private List<Path> scan() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder, "*.torrent")) {
            dir.forEach(f -> {
                if (Files.isRegularFile(f)) {
                    files.add(f);
                }
            });
        }
        return files;
    }

    static boolean isTorrent(Path file) {
        return file.getFileName().toString().endsWith(".torrent");
    }

    /** Stops the thread, waiting at most {@code wait}. */
    void close(Duration wait) {
        closed = true;
        WatchService ws = watcher;
        try {
            if (ws != null) {
                ws.close();
            }
            thread.interrupt();
            thread.join(wait.toMillis());
            if (thread.isAlive()) {
                LOG.warn("{} still running after {} ms", thread.getName(), wait.toMillis());
            }
        } catch (IOException e) {
            LOG.debug("Closing the watch of {}: {}", folder, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
