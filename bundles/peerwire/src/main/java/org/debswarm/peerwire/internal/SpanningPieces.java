package org.debswarm.peerwire.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import org.debswarm.peerwire.internal.swarm.BlockData;
import org.debswarm.peerwire.internal.swarm.PieceStorage;
import org.debswarm.storage.FileSpan;
import org.debswarm.storage.PieceStore;
import org.debswarm.storage.SpanningStorage;
import org.debswarm.torrent.MetaInfo;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.PieceBits;
import org.debswarm.torrent.TorrentFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standard torrent's pieces in {@link SpanningStorage}: blocks are written where they belong across files;
 * when a piece's last block arrives its SHA-1 is checked against the metainfo. Uploads go through bounded
 * buffers, since a piece may span files.
 */
final class SpanningPieces implements PieceStorage {

    private static final Logger LOG = LoggerFactory.getLogger(SpanningPieces.class);
    private static final int BLOCK = PackagesTorrent.BLOCK_LENGTH;

    private final MetaInfo meta;
    private final SpanningStorage storage;
    private final PieceBits had;
    private final Executor loop;
    private final Listener listener;
    private final Map<Integer, BitSet> received = new HashMap<>();
    private final boolean owned;

    private SpanningPieces(MetaInfo meta, SpanningStorage storage, PieceBits had, boolean owned, Executor loop,
            Listener listener) {
        if (had.size() != meta.pieceCount()) {
            throw new IllegalArgumentException("had of " + had.size() + " pieces (expected: " + meta.pieceCount()
                    + ")");
        }
        this.meta = meta;
        this.storage = storage;
        this.had = had;
        this.owned = owned;
        this.loop = loop;
        this.listener = listener;
    }

    /**
     * Uses storage the caller opened and verified: {@code had} are the pieces it found (live: completed pieces
     * are added). The caller closes the storage after the session stops.
     */
    static SpanningPieces over(MetaInfo meta, SpanningStorage storage, PieceBits had, Executor loop,
            Listener listener) {
        return new SpanningPieces(meta, storage, had, false, loop, listener);
    }

    /** Opens the torrent's storage and rechecks every piece already there (on the caller's thread). */
    static SpanningPieces open(PieceStore store, MetaInfo meta, Executor loop, Listener listener)
            throws IOException {
        List<FileSpan> spans = spans(meta);
        SpanningStorage storage = store.openSpanning(meta.infoHash().toHex(), spans, meta.pieceLength());
        SpanningPieces pieces = new SpanningPieces(meta, storage, new PieceBits(meta.pieceCount()), true, loop,
                listener);
        for (int i = 0; i < meta.pieceCount(); i++) {
            if (storage.verifyPiece(i, meta.pieceHash(i).toByteArray())) {
                pieces.had.set(i);
            }
        }
        LOG.debug("Torrent {}: {} of {} pieces verified on disk", meta.infoHash(), pieces.had.cardinality(),
                meta.pieceCount());
        return pieces;
    }

    /** The files of a torrent as the store lays them out: a single file by its name, else the paths below it. */
    static List<FileSpan> spans(MetaInfo meta) {
        List<FileSpan> spans = new ArrayList<>();
        for (TorrentFile f : meta.files()) {
            spans.add(new FileSpan(meta.singleFile() ? meta.name() : String.join("/", f.path()), f.length()));
        }
        return spans;
    }

    @Override
    public int pieceCount() {
        return meta.pieceCount();
    }

    @Override
    public long pieceLength(int piece) {
        return meta.pieceLength(piece);
    }

    @Override
    public PieceBits had() {
        return had;
    }

    @Override
    public BitSet begin(int piece) {
        if (had.get(piece)) {
            loop.execute(() -> listener.verified(piece));
            return null;
        }
        return (BitSet) received.computeIfAbsent(piece, p -> new BitSet()).clone();
    }

    @Override
    public void writeBlock(int piece, int begin, ByteBuffer data) throws IOException {
        BitSet blocks = received.get(piece);
        if (blocks == null || blocks.get(begin / BLOCK)) {
            return;
        }
        storage.writeAt((long) piece * meta.pieceLength() + begin, data);
        blocks.set(begin / BLOCK);
        if (blocks.cardinality() == (meta.pieceLength(piece) + BLOCK - 1) / BLOCK) {
            received.remove(piece);
            boolean ok = storage.verifyPiece(piece, meta.pieceHash(piece).toByteArray());
            if (ok) {
                had.set(piece);
                loop.execute(() -> listener.verified(piece));
            } else {
                loop.execute(() -> listener.failed(piece, new BadPieceException("piece " + piece
                        + " does not match its SHA-1")));
            }
        }
    }

    @Override
    public BlockData read(int piece, int begin, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        storage.readAt((long) piece * meta.pieceLength() + begin, buffer);
        return new BlockData.Buffer(buffer.flip());
    }

    @Override
    public void close() {
        if (!owned) {
            return;
        }
        try {
            storage.close();
        } catch (IOException e) {
            LOG.debug("Closing the storage of {} failed", meta.infoHash(), e);
        }
    }
}
