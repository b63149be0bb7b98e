package org.debswarm.peerwire.internal.swarm;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Executor;

import org.debswarm.torrent.PieceBits;

/**
 * Pieces in memory, compared with the expected bytes when complete. Outcomes are queued and delivered by
 * {@link #deliver}, as the engine's I/O thread would run them after the current event.
 */
final class MemoryStorage implements PieceStorage {

    final byte[][] expected;
    final PieceBits had;
    private final Map<Integer, byte[]> data = new HashMap<>();
    private final Map<Integer, BitSet> blocks = new HashMap<>();
    final Queue<Runnable> outcomes = new ArrayDeque<>();
    final Executor loop = outcomes::add;
    Listener listener;

    MemoryStorage(byte[][] expected) {
        this.expected = expected;
        this.had = new PieceBits(expected.length);
    }

    void deliver() {
        for (Runnable r = outcomes.poll(); r != null; r = outcomes.poll()) {
            r.run();
        }
    }

    @Override
    public int pieceCount() {
        return expected.length;
    }

    @Override
    public long pieceLength(int piece) {
        return expected[piece].length;
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
        data.computeIfAbsent(piece, p -> new byte[expected[p].length]);
        return (BitSet) blocks.computeIfAbsent(piece, p -> new BitSet()).clone();
    }

    @Override
    public void writeBlock(int piece, int begin, ByteBuffer src) {
        byte[] bytes = data.get(piece);
        BitSet done = blocks.get(piece);
        if (bytes == null || done.get(begin / PieceProgress.BLOCK)) {
            return;
        }
        src.get(bytes, begin, src.remaining());
        done.set(begin / PieceProgress.BLOCK);
        if (done.cardinality() == (expected[piece].length + PieceProgress.BLOCK - 1) / PieceProgress.BLOCK) {
            data.remove(piece);
            blocks.remove(piece);
            if (Arrays.equals(bytes, expected[piece])) {
                had.set(piece);
                loop.execute(() -> listener.verified(piece));
            } else {
                loop.execute(() -> listener.failed(piece, new BadPieceException("piece " + piece + " is wrong")));
            }
        }
    }

    @Override
    public BlockData read(int piece, int begin, int length) {
        return new BlockData.Buffer(ByteBuffer.wrap(expected[piece], begin, length).slice());
    }

    @Override
    public void close() {
    }
}
