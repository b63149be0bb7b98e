package org.debswarm.peerwire.internal.swarm;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.zip.CRC32;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds who sent the bad blocks of a piece that failed verification. A piece from one peer only is that
 * peer's fault at once. A piece mixed from several peers is remembered block by block (sender and CRC-32 of
 * what it sent); once the piece passes, each remembered block is compared with the good copy and every
 * peer whose block differed gets a strike.
 */
final class Blame {

    private static final Logger LOG = LoggerFactory.getLogger(Blame.class);

    private record Suspect(PeerState peer, InetSocketAddress endpoint, int block, int crc) {
    }

    private final Map<Integer, List<Suspect>> suspects = new HashMap<>();
    private final BiConsumer<PeerState, Integer> strike;

    /** @param strike called with the peer and the piece it is blamed for */
    Blame(BiConsumer<PeerState, Integer> strike) {
        this.strike = strike;
    }

    /** @return the peers never to ask for this piece again: the sole sender of a bad piece */
    Set<PeerState> failed(PieceProgress progress) {
        Set<PeerState> senders = progress.contributors();
        if (senders.size() == 1) {
            PeerState liar = senders.iterator().next();
            strike.accept(liar, progress.piece);
            return senders;
        }
        List<Suspect> list = suspects.computeIfAbsent(progress.piece, p -> new ArrayList<>());
        for (int b = 0; b < progress.blockCount; b++) {
            if (progress.from[b] != null) {
                list.add(new Suspect(progress.from[b], progress.from[b].link.address(), b, progress.crc[b]));
            }
        }
        return Set.of();
    }

    /** The piece is now verified: blame the senders of blocks that differ from it. */
    void verified(int piece, PieceStorage storage) {
        List<Suspect> list = suspects.remove(piece);
        if (list == null) {
            return;
        }
        Map<PeerState, Boolean> guilty = new HashMap<>();
        for (Suspect s : list) {
            try {
                if (crc(storage, piece, s.block) != s.crc) {
                    guilty.put(s.peer, true);
                }
            } catch (IOException e) {
                LOG.debug("Cannot reread block {} of piece {} to find who sent bad data", s.block, piece, e);
                return;
            }
        }
        guilty.keySet().forEach(peer -> strike.accept(peer, piece));
    }

    static int crc(ByteBuffer block) {
        CRC32 crc = new CRC32();
        crc.update(block.duplicate());
        return (int) crc.getValue();
    }

    private static int crc(PieceStorage storage, int piece, int block) throws IOException {
        long begin = (long) block * PieceProgress.BLOCK;
        int length = (int) Math.min(PieceProgress.BLOCK, storage.pieceLength(piece) - begin);
        BlockData data = storage.read(piece, (int) begin, length);
        if (data instanceof BlockData.Buffer b) {
            return crc(b.bytes());
        }
        BlockData.FileRegion region = (BlockData.FileRegion) data;
        ByteBuffer bytes = ByteBuffer.allocate(length);
        while (bytes.hasRemaining() && region.file().read(bytes, region.position() + bytes.position()) >= 0) {
            // a positional read may return fewer bytes; read on until full or end of file
        }
        return crc(bytes.flip());
    }
}
