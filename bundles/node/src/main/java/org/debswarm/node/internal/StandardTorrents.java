package org.debswarm.node.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.FileAlreadyExistsException;
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
 * runs but the allocation and the piece check: those run on the check thread, one torrent at a time, and hand
 * the result back (issue 15, F7: an 8 GiB sparse torrent checked on the node thread held a console action for
 * 24 s). A torrent larger than {@code maxTorrentBytes} is refused before anything is allocated.
 */
final class StandardTorrents implements TorrentFolder.Events {

    /** A .torrent larger than this is refused without being read (16 MiB is the bencode codec's own limit). */
    static final long MAX_TORRENT_BYTES = 16L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(StandardTorrents.class);

    private record Run(MetaInfo meta, SpanningStorage storage) {
    }

    private final Executor node;
    private final Executor checks;
    private final long maxTorrentBytes;
    private final TorrentFactory factory;
    private final PieceStore store;
    private final RunningTorrents running;
    private final Random random = new Random();
    private final Map<Path, Run> byFile = new ConcurrentHashMap<>();
    /** The files of torrents an administrator stopped: read, not run. */
    private final Map<Path, MetaInfo> stopped = new ConcurrentHashMap<>();
    /** The files whose torrents are being allocated and checked on the check thread. */
    private final Map<Path, MetaInfo> checking = new ConcurrentHashMap<>();
    private final HeldTorrents held;
    private final KnownTorrents known;
    private final Path forgottenFolder;

    /**
     * @param checks runs the allocation and piece check of a torrent, off the node thread
     * @param maxTorrentBytes the largest total length of a standard torrent's files
     * @param store null when there is none: .torrent files are then refused
     * @param forgottenFolder where the files of forgotten torrents go
     */
    StandardTorrents(Executor node, Executor checks, long maxTorrentBytes, TorrentFactory factory, PieceStore store,
                     RunningTorrents running, HeldTorrents held, KnownTorrents known, Path forgottenFolder) {
        this.node = node;
        this.checks = checks;
        this.maxTorrentBytes = maxTorrentBytes;
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
            if (Files.isSymbolicLink(file)) {
                LOG.warn("{}: a symbolic link; not followed", file);
                return;
            }
            long size = Files.size(file);
            if (size == 0) { // created, its content not written yet: its next change brings it back
                LOG.debug("{}: empty; read again when it changes", file);
                return;
            }
            if (size > MAX_TORRENT_BYTES) {
                LOG.warn("{}: {} bytes (expected: <= {}); not read", file, size, MAX_TORRENT_BYTES);
                return;
            }
            MetaInfo meta = factory.readTorrentFile(Files.readAllBytes(file));
            Run old = byFile.get(file);
            MetaInfo oldStopped = stopped.get(file);
            MetaInfo oldChecking = checking.get(file);
            if (old != null && old.meta().infoHash().equals(meta.infoHash())
                    || oldStopped != null && oldStopped.infoHash().equals(meta.infoHash())
                    || oldChecking != null && oldChecking.infoHash().equals(meta.infoHash())) {
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

    /** Hands the torrent to the check thread; it runs once its pieces are checked (listed as running already). */
    private void start(Path file, MetaInfo meta) {
        if (running.isRunning(meta.infoHash())
                || checking.values().stream().anyMatch(m -> m.infoHash().equals(meta.infoHash()))) {
            LOG.warn("{}: torrent {} runs already (another .torrent file)", file, meta.infoHash());
            return;
        }
        if (store == null) {
            LOG.warn("{}: no store to hold its content; not run", file);
            return;
        }
        if (meta.totalLength() > maxTorrentBytes) {
            LOG.warn("{}: {} bytes of content (expected: <= {}, maxTorrentBytes); not run", file,
                    meta.totalLength(), maxTorrentBytes);
            return;
        }
        checking.put(file, meta);
        known.put(meta.infoHash(), meta.name(), Kind.STANDARD, State.RUNNING);
        try {
            checks.execute(() -> check(file, meta));
        } catch (RejectedExecutionException stopping) {
            checking.remove(file, meta);
            known.remove(meta.infoHash());
        }
    }

    /** On the check thread: allocates and checks, then hands the torrent back to the node thread. */
    private void check(Path file, MetaInfo meta) {
        SpanningStorage storage = null;
        try {
            storage = open(meta);
            PieceBits had = verify(meta, storage);
            SpanningStorage checked = storage;
            node.execute(() -> run(file, meta, checked, had));
        } catch (InterruptedIOException | ClosedByInterruptException e) {
            // the node swarm is being deactivated (Shutdown.now interrupts this thread): nothing to warn of
            closeQuietly(storage, meta);
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            // a RejectedExecutionException too: the node is stopping
            closeQuietly(storage, meta);
            LOG.warn("{}: cannot run it: {}", file, e.getMessage() != null ? e.getMessage() : e.toString());
            submit(() -> {
                if (checking.remove(file, meta)) {
                    known.remove(meta.infoHash());
                }
            });
        }
    }

    /** On the node thread: runs a checked torrent, unless it was stopped or replaced meanwhile. */
    private void run(Path file, MetaInfo meta, SpanningStorage storage, PieceBits had) {
        if (!checking.remove(file, meta)) {
            closeQuietly(storage, meta);
            return;
        }
        try {
            List<List<URI>> trackers = TrackerUrls.of(meta, random);
            running.start(meta, storage, had, trackers);
            byFile.put(file, new Run(meta, storage));
            LOG.info("{}: running {} ({} of {} pieces had, {} tracker tiers)", file, meta.name(),
                    had.cardinality(), meta.pieceCount(), trackers.size());
        } catch (RuntimeException e) {
            closeQuietly(storage, meta);
            known.remove(meta.infoHash());
            LOG.warn("{}: cannot run it: {}", file, e.toString());
        }
    }

    /**
     * The torrent's storage in {@code torrents/<name>/}, claimed by its info hash; when another torrent of the
     * same name holds that folder, in {@code torrents/<info hash>/} instead (issue 15, F4).
     */
    private SpanningStorage open(MetaInfo meta) throws IOException {
        String hex = meta.infoHash().toHex();
        try {
            return store.openSpanning(folderName(meta), hex, spans(meta), meta.pieceLength());
        } catch (FileAlreadyExistsException claimed) {
            LOG.warn("{}: {}; its content goes to torrents/{}/ instead", meta.name(), claimed.getMessage(), hex);
            return store.openSpanning(hex, hex, spans(meta), meta.pieceLength());
        }
    }

    private void stop(Path file) {
        MetaInfo wasStopped = stopped.remove(file);
        if (wasStopped != null) {
            known.remove(wasStopped.infoHash());
        }
        MetaInfo wasChecking = checking.remove(file); // its check finishes and finds it gone
        if (wasChecking != null) {
            known.remove(wasChecking.infoHash());
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
        MetaInfo wasChecking = checking.remove(file);
        if (run != null) {
            running.stop(hash);
            close(run);
        }
        MetaInfo meta = run != null ? run.meta() : wasChecking;
        if (meta != null) {
            stopped.put(file, meta);
            known.put(hash, meta.name(), Kind.STANDARD, State.STOPPED);
            LOG.info("{}: {} stopped by an administrator", file, meta.name());
        }
        return known.get(hash).orElseThrow();
    }

    /** An administrator starts a stopped torrent: its pieces are checked (on the check thread), then it runs. */
    NodeTorrent start(InfoHash hash) {
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
        for (Map<Path, MetaInfo> metas : List.of(stopped, checking)) {
            for (Map.Entry<Path, MetaInfo> e : metas.entrySet()) {
                if (e.getValue().infoHash().equals(hash)) {
                    return e.getKey();
                }
            }
        }
        throw new NoSuchElementException("no standard torrent " + hash.toHex() + " on this node");
    }

    /** Stops every standard torrent's storage; call after the sessions were stopped. */
    void closeAll() {
        stopped.clear();
        checking.clear();
        for (Path file : new ArrayList<>(byFile.keySet())) {
            Run run = byFile.remove(file);
            if (run != null) {
                close(run);
            }
        }
    }

    private static void close(Run run) {
        closeQuietly(run.storage(), run.meta());
    }

    private static void closeQuietly(SpanningStorage storage, MetaInfo meta) {
        if (storage == null) {
            return;
        }
        try {
            storage.close();
        } catch (IOException e) {
            LOG.debug("Closing the storage of {}: {}", meta.name(), e.toString());
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
