package org.debswarm.peerwire.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

import org.debswarm.peerwire.internal.swarm.BlockData;
import org.debswarm.peerwire.internal.swarm.PieceStorage;
import org.debswarm.storage.BeginResult;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileWrite;
import org.debswarm.storage.PieceStore;
import org.debswarm.storage.StoredFile;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.PieceBits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pieces that are whole files in the {@link PieceStore}: piece {@code i} is the file {@link Files#key(int)} names,
 * written through {@link PieceStore#begin} and a {@link FileWrite}, which checks the SHA-256 itself when the last
 * byte arrives. Uploads read the stored file, zero-copy. A Packages torrent's piece {@code i} is
 * {@code <host>/<archiveRoot><path(i)>} ({@link #of}); the content swarm's are the files it numbered
 * ({@link ContentFiles}).
 */
final class PackagesStorage implements PieceStorage {

    /** Which file each piece is. */
    interface Files {
        int count();

        long length(int piece);

        PieceBits had();

        FileKey key(int piece);

        /** See {@link PieceStorage#piecesInUse()}. */
        default int inUse() {
            return count();
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(PackagesStorage.class);
    private static final int OPEN_FILES = 16;

    private final PieceStore store;
    private final Files files;
    private final Executor loop;
    private final Listener listener;
    private final Map<Integer, FileWrite> writes = new HashMap<>();
    private final Map<Integer, FileWrite> created = new HashMap<>();
    /** Pieces whose storing by someone else (the apt listener's own mirror download) this storage waits for. */
    private final Set<Integer> watched = new HashSet<>();
    private boolean closed;
    private final LinkedHashMap<Integer, FileChannel> open = new LinkedHashMap<>(16, 0.75f, true);

    PackagesStorage(PieceStore store, Files files, Executor loop, Listener listener) {
        this.store = store;
        this.files = files;
        this.loop = loop;
        this.listener = listener;
    }

    /** A Packages torrent whose files live under {@code <host>/<archiveRoot>}. */
    static PackagesStorage of(PieceStore store, PackagesTorrent torrent, String host, String archiveRoot,
            Executor loop, Listener listener) {
        if (!archiveRoot.isEmpty() && !archiveRoot.endsWith("/")) {
            throw new IllegalArgumentException("archive root \"" + archiveRoot + "\" (expected: empty or ending in /)");
        }
        String checkedHost = FileKey.checkHost(host);
        return new PackagesStorage(store, new Files() {
            @Override
            public int count() {
                return torrent.pieceCount();
            }

            @Override
            public long length(int piece) {
                return torrent.length(piece);
            }

            @Override
            public PieceBits had() {
                return torrent.had();
            }

            @Override
            public FileKey key(int piece) {
                return new FileKey(checkedHost, archiveRoot + torrent.path(piece), torrent.length(piece),
                        torrent.sha256(piece).toHex());
            }
        }, loop, listener);
    }

    FileKey key(int piece) {
        return files.key(piece);
    }

    @Override
    public int pieceCount() {
        return files.count();
    }

    @Override
    public int piecesInUse() {
        return files.inUse();
    }

    @Override
    public long pieceLength(int piece) {
        return files.length(piece);
    }

    @Override
    public PieceBits had() {
        return files.had();
    }

    /**
     * Links the piece if the store knows its content; otherwise waits for whoever stores it (the apt listener
     * fetching it from the mirror itself, typically), so that the piece is had and announced when that happens.
     */
    @Override
    public void lookForStored(int piece) throws IOException {
        FileKey key = key(piece);
        if (store.linkIfKnown(key).isPresent()) {
            loop.execute(() -> listener.verified(piece));
        } else if (watched.add(piece)) {
            store.whenStored(key).whenComplete((file, error) -> loop.execute(() -> {
                watched.remove(piece);
                if (!closed && error == null && !files.had().get(piece)) {
                    listener.verified(piece);
                }
            }));
        }
    }

    @Override
    public BitSet begin(int piece) throws IOException {
        FileWrite write = writes.get(piece);
        if (write != null && !write.isDone()) {
            return write.blocks();
        }
        BeginResult result = store.begin(key(piece));
        if (result.outcome() == BeginResult.Outcome.STORED) {
            loop.execute(() -> listener.verified(piece));
            return null;
        }
        write = result.write().orElseThrow();
        writes.put(piece, write);
        if (result.outcome() == BeginResult.Outcome.CREATED) {
            created.put(piece, write);
        }
        FileWrite begun = write;
        result.completion().whenComplete((file, error) -> loop.execute(() -> finished(piece, begun, error)));
        return write.blocks();
    }

    private void finished(int piece, FileWrite write, Throwable error) {
        writes.remove(piece, write);
        created.remove(piece, write);
        if (error == null) {
            listener.verified(piece);
        } else {
            listener.failed(piece, error);
        }
    }

    @Override
    public void writeBlock(int piece, int begin, ByteBuffer data) throws IOException {
        FileWrite write = writes.get(piece);
        if (write != null && !write.isDone()) {
            write.writeAt(begin, data);
        }
    }

    @Override
    public BlockData read(int piece, int begin, int length) throws IOException {
        FileChannel file = open.get(piece);
        if (file == null) {
            file = FileChannel.open(stored(piece).file(), StandardOpenOption.READ);
            open.put(piece, file);
            evict();
        }
        return new BlockData.FileRegion(file, begin, length);
    }

    private StoredFile stored(int piece) throws IOException {
        FileKey key = key(piece);
        Optional<StoredFile> file = store.lookup(key.host(), key.path());
        if (file.isEmpty() || !file.get().sha256().equals(key.sha256())) {
            files.had().clear(piece);
            throw new IOException("piece " + piece + " is no longer stored as " + key);
        }
        return file.get();
    }

    // A channel still queued on a connection may be closed here; that upload then fails and the connection
    // drops, which is rare with 16 files open and cheaper than reference counting every block.
    private void evict() {
        while (open.size() > OPEN_FILES) {
            var eldest = open.entrySet().iterator();
            closeQuietly(eldest.next().getValue());
            eldest.remove();
        }
    }

    @Override
    public void close() {
        open.values().forEach(PackagesStorage::closeQuietly);
        open.clear();
        created.values().forEach(w -> w.suspend("peer wire session stopped"));
        created.clear();
        writes.clear();
        watched.clear();
        closed = true;
    }

    private static void closeQuietly(FileChannel file) {
        try {
            file.close();
        } catch (IOException e) {
            LOG.debug("Closing a stored file failed", e);
        }
    }
}
