package org.debswarm.node.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.debswarm.node.NodeTorrent;
import org.debswarm.node.NodeTorrent.Kind;
import org.debswarm.node.NodeTorrent.State;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileSpan;
import org.debswarm.storage.PieceStore;
import org.debswarm.storage.SpanningStorage;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.MetaInfo;
import org.debswarm.torrent.PieceBits;
import org.debswarm.torrent.TorrentFactory;
import org.debswarm.torrent.TorrentFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standard .torrent files of the torrent folder: each is read, its content opened in the store under
 * {@code torrents/<name>/} (its pieces checked, so content already there is seeded), run and announced to its
 * own trackers; deleting the file stops it. A torrent an administrator stopped is read but not run; one he forgot
 * has its file moved to the forgotten folder. Folder events are handed to the node's thread, where all of this
 * runs.
 */
final class StandardTorrents implements TorrentFolder.Events {

    /** A .torrent larger than this is refused without being read (16 MiB is the bencode codec's own limit). */
    static final long MAX_TORRENT_BYTES = 16L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(StandardTorrents.class);

    private record Run(MetaInfo meta, SpanningStorage storage) {
    }

    private final Executor node;
    private final TorrentFactory factory;
    private final PieceStore store;
    private final RunningTorrents running;
    private final Random random = new Random();
    private final Map<Path, Run> byFile = new ConcurrentHashMap<>();
    /** The files of torrents an administrator stopped: read, not run. */
    private final Map<Path, MetaInfo> stopped = new ConcurrentHashMap<>();
    private final HeldTorrents held;
    private final KnownTorrents known;
    private final Path forgottenFolder;

    /**
     * @param store null when there is none: .torrent files are then refused
     * @param forgottenFolder where the files of forgotten torrents go
     */
    StandardTorrents(Executor node, TorrentFactory factory, PieceStore store, RunningTorrents running,
                     HeldTorrents held, KnownTorrents known, Path forgottenFolder) {
        this.node = node;
        this.factory = factory;
        this.store = store;
        this.running = running;
        this.held = held;
        this.known = known;
        this.forgottenFolder = forgottenFolder;
    }

    @Override
    public void scanned(List<Path> files) {
        Set<Path> present = new HashSet<>(files);
        submit(() -> {
            Set<Path> loaded = new HashSet<>(byFile.keySet());
            loaded.addAll(stopped.keySet());
            for (Path gone : loaded) {
                if (!present.contains(gone)) {
                    stop(gone);
                }
            }
            files.forEach(this::load);
        });
    }

    @Override
    public void changed(Path file) {
        submit(() -> load(file));
    }

    @Override
    public void deleted(Path file) {
        submit(() -> stop(file));
    }

    private void submit(Runnable task) {
        try {
            node.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("Node stopping: torrent folder event ignored");
        }
    }

    private void load(Path file) {
        try {
            if (Files.size(file) > MAX_TORRENT_BYTES) {
                LOG.warn("{}: {} bytes (expected: <= {}); not read", file, Files.size(file), MAX_TORRENT_BYTES);
                return;
            }
            MetaInfo meta = factory.readTorrentFile(Files.readAllBytes(file));
            Run old = byFile.get(file);
            MetaInfo oldStopped = stopped.get(file);
            if (old != null && old.meta().infoHash().equals(meta.infoHash())
                    || oldStopped != null && oldStopped.infoHash().equals(meta.infoHash())) {
                return; // rewritten with the same content
            }
            stop(file);
            if (held.isStopped(meta.infoHash())) {
                stopped.put(file, meta);
                known.put(meta.infoHash(), meta.name(), Kind.STANDARD, State.STOPPED);
                LOG.info("{}: {} stays stopped (an administrator stopped it)", file, meta.name());
                return;
            }
            start(file, meta);
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // also a file still being copied in: its next change event brings it back
            LOG.warn("{}: cannot run it: {}", file, e.getMessage());
        }
    }

    private void start(Path file, MetaInfo meta) throws IOException {
        if (running.isRunning(meta.infoHash())) {
            LOG.warn("{}: torrent {} runs already (another .torrent file)", file, meta.infoHash());
            return;
        }
        if (store == null) {
            LOG.warn("{}: no store to hold its content; not run", file);
            return;
        }
        SpanningStorage storage = store.openSpanning(folderName(meta), spans(meta), meta.pieceLength());
        try {
            PieceBits had = verify(meta, storage);
            List<List<URI>> trackers = TrackerUrls.of(meta, random);
            running.start(meta, storage, had, trackers);
            byFile.put(file, new Run(meta, storage));
            known.put(meta.infoHash(), meta.name(), Kind.STANDARD, State.RUNNING);
            LOG.info("{}: running {} ({} of {} pieces had, {} tracker tiers)", file, meta.name(),
                    had.cardinality(), meta.pieceCount(), trackers.size());
        } catch (IOException | RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    private void stop(Path file) {
        MetaInfo wasStopped = stopped.remove(file);
        if (wasStopped != null) {
            known.remove(wasStopped.infoHash());
        }
        Run run = byFile.remove(file);
        if (run == null) {
            return;
        }
        running.stop(run.meta().infoHash());
        close(run);
        known.remove(run.meta().infoHash());
        LOG.info("{}: stopped {}", file, run.meta().name());
    }

    /** An administrator stops a running torrent: it is read again at start but not run, until started. */
    NodeTorrent stop(InfoHash hash) {
        held.stop(hash);
        Path file = fileOf(hash);
        Run run = byFile.remove(file);
        if (run != null) {
            running.stop(hash);
            close(run);
            stopped.put(file, run.meta());
            known.put(hash, run.meta().name(), Kind.STANDARD, State.STOPPED);
            LOG.info("{}: {} stopped by an administrator", file, run.meta().name());
        }
        return known.get(hash).orElseThrow();
    }

    /** An administrator starts a stopped torrent: its pieces are checked, then it runs. */
    NodeTorrent start(InfoHash hash) throws IOException {
        Path file = fileOf(hash);
        held.release(hash);
        MetaInfo meta = stopped.remove(file);
        if (meta != null) {
            start(file, meta);
        }
        return known.get(hash).orElseThrow();
    }

    /** An administrator forgets a torrent: stopped, its .torrent file moved out of the watched folder. */
    NodeTorrent forget(InfoHash hash) throws IOException {
        Path file = fileOf(hash);
        NodeTorrent torrent = known.get(hash).orElseThrow();
        Files.createDirectories(forgottenFolder);
        Files.move(file, forgottenFolder.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        stop(file);
        held.release(hash);
        LOG.info("{}: {} forgotten by an administrator; the file is now in {}", file, torrent.name(),
                forgottenFolder);
        return torrent.with(State.FORGOTTEN);
    }

    private Path fileOf(InfoHash hash) {
        for (Map.Entry<Path, Run> e : byFile.entrySet()) {
            if (e.getValue().meta().infoHash().equals(hash)) {
                return e.getKey();
            }
        }
        for (Map.Entry<Path, MetaInfo> e : stopped.entrySet()) {
            if (e.getValue().infoHash().equals(hash)) {
                return e.getKey();
            }
        }
        throw new NoSuchElementException("no standard torrent " + hash.toHex() + " on this node");
    }

    /** Stops every standard torrent's storage; call after the sessions were stopped. */
    void closeAll() {
        stopped.clear();
        for (Path file : new ArrayList<>(byFile.keySet())) {
            Run run = byFile.remove(file);
            if (run != null) {
                close(run);
            }
        }
    }

    private static void close(Run run) {
        try {
            run.storage().close();
        } catch (IOException e) {
            LOG.debug("Closing the storage of {}: {}", run.meta().name(), e.toString());
        }
    }

    /** The torrent's name when it is a safe single folder name, else its infohash in hex. */
    static String folderName(MetaInfo meta) {
        try {
            String name = FileKey.checkPath(meta.name());
            return name.indexOf('/') < 0 ? name : meta.infoHash().toHex();
        } catch (IllegalArgumentException e) {
            return meta.infoHash().toHex();
        }
    }

    private static List<FileSpan> spans(MetaInfo meta) {
        List<FileSpan> spans = new ArrayList<>(meta.files().size());
        for (TorrentFile f : meta.files()) {
            spans.add(new FileSpan(String.join("/", f.path()), f.length()));
        }
        return spans;
    }

    /** Checks every piece against its SHA-1: what is there already is seeded, the rest downloaded. */
    private static PieceBits verify(MetaInfo meta, SpanningStorage storage) throws IOException {
        PieceBits had = new PieceBits(meta.pieceCount());
        for (int piece = 0; piece < meta.pieceCount(); piece++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("stopped while checking " + meta.name());
            }
            if (storage.verifyPiece(piece, meta.pieceHash(piece).toByteArray())) {
                had.set(piece);
            }
        }
        return had;
    }
}
