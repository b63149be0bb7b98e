package org.debswarm.peerwire.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import org.debswarm.peerwire.SessionSnapshot;
import org.debswarm.peerwire.TorrentSession;
import org.debswarm.rfc822.internal.DefaultControlParser;
import org.debswarm.storage.SpanningStorage;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.torrent.MetaInfo;
import org.debswarm.torrent.PieceBits;
import org.debswarm.torrent.internal.DefaultTorrentFactory;
import org.junit.Test;

/** A standard multi-file torrent (SHA-1 pieces across file boundaries) between two engines. */
public class StandardTorrentTest extends EngineTestSupport {

    @Test
    public void aMultiFileTorrentIsCopiedWhole() throws Exception {
        Path content = folder.newFolder("content").toPath();
        Random random = new Random(7);
        int[] sizes = {100_000, 1, 0, 250_000, 33_333};
        for (int i = 0; i < sizes.length; i++) {
            byte[] bytes = new byte[sizes[i]];
            random.nextBytes(bytes);
            Path file = content.resolve(i % 2 == 0 ? "a" : "b").resolve("file" + i);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        }
        DefaultTorrentFactory factory = new DefaultTorrentFactory(new DefaultControlParser());
        MetaInfo meta = factory.readTorrentFile(factory.createTorrentFile(content, List.of(), 32 * 1024));
        assertTrue(meta.pieceCount() > 10);

        FileSystemPieceStore seedStore = store("seed");
        FileSystemPieceStore leechStore = store("leech");
        try (SpanningStorage s = seedStore.openSpanning(meta.infoHash().toHex(), SpanningPieces.spans(meta),
                meta.pieceLength())) {
            for (var f : meta.files()) {
                byte[] bytes = Files.readAllBytes(content.resolve(String.join("/", f.path())));
                if (bytes.length > 0) {
                    s.writeAt(f.offset(), ByteBuffer.wrap(bytes));
                }
            }
        }
        PeerEngine seed = engine(seedStore);
        PeerEngine leech = engine(leechStore);
        assertTrue(seed.start(meta).isRunning());
        assertEquals("the seeder rechecked every piece", meta.pieceCount(),
                seed.snapshot(meta.infoHash()).orElseThrow().piecesHad());

        // the leecher's storage is opened by its caller, as the node does
        SpanningStorage leechStorage = leechStore.openSpanning(meta.infoHash().toHex(), SpanningPieces.spans(meta),
                meta.pieceLength());
        PieceBits had = new PieceBits(meta.pieceCount());
        TorrentSession leechS = leech.start(meta, leechStorage, had);
        assertTrue(leechS.isRunning());
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int p = meta.pieceCount() - 1; p >= 0; p--) {
            all.add(leechS.want(p));
        }
        leechS.addPeers(List.of(at(seed)));
        await(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)));
        assertEquals(meta.pieceCount(), had.cardinality());
        SessionSnapshot s = leech.snapshot(meta.infoHash()).orElseThrow();
        assertEquals(meta.totalLength(), s.bytesHad());
        assertEquals(0, s.bytesWanted());

        leechS.stop();
        leechStorage.close();
        for (var f : meta.files()) {
            Path original = content.resolve(String.join("/", f.path()));
            Path copy = folder.getRoot().toPath().resolve("leech").resolve("torrents").resolve(meta.infoHash().toHex())
                    .resolve(String.join("/", f.path()));
            assertArrayEquals(f.toString(), Files.readAllBytes(original), Files.readAllBytes(copy));
        }
    }
}
