package org.debswarm.storage.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

import org.debswarm.storage.FileSpan;
import org.debswarm.storage.SpanningStorage;
import org.junit.Test;

public class DiskSpanningStorageTest extends StoreTestSupport {

    private static final List<FileSpan> FILES = List.of(
            new FileSpan("a/first.bin", 10), new FileSpan("a/empty.bin", 0), new FileSpan("b/second.bin", 25),
            new FileSpan("last-empty.bin", 0));

    @Test
    public void piecesSpanFilesAndVerifyBySha1() throws Exception {
        FileSystemPieceStore store = open();
        byte[] bytes = content(35, 90);
        try (SpanningStorage torrent = store.openSpanning("00112233", FILES, 8)) {
            assertEquals(35, torrent.length());
            assertEquals(5, torrent.pieceCount());
            assertEquals(3, torrent.lengthOfPiece(4));
            for (int at = 0; at < 35; at += 6) { // chunks that straddle both file boundaries
                torrent.writeAt(at, ByteBuffer.wrap(bytes, at, Math.min(6, 35 - at)));
            }
            for (int piece = 0; piece < 5; piece++) {
                int from = piece * 8;
                byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(Arrays.copyOfRange(bytes, from, Math.min(35, from + 8)));
                assertTrue("piece " + piece, torrent.verifyPiece(piece, sha1));
            }
            assertFalse(torrent.verifyPiece(0, new byte[20]));
            ByteBuffer read = ByteBuffer.allocate(20);
            torrent.readAt(5, read);
            assertArrayEquals(Arrays.copyOfRange(bytes, 5, 25), read.array());
        }
        Path root = home.resolve("torrents").resolve("00112233");
        assertArrayEquals(Arrays.copyOfRange(bytes, 0, 10), Files.readAllBytes(root.resolve("a/first.bin")));
        assertArrayEquals(Arrays.copyOfRange(bytes, 10, 35), Files.readAllBytes(root.resolve("b/second.bin")));
        assertEquals(0, Files.size(root.resolve("last-empty.bin")));
    }

    @Test
    public void rejectsBadArguments() throws Exception {
        FileSystemPieceStore store = open();
        assertThrows(IllegalArgumentException.class, () -> store.openSpanning("../x", FILES, 8));
        assertThrows(IllegalArgumentException.class, () -> store.openSpanning("a/b", FILES, 8));
        assertThrows(IllegalArgumentException.class, () -> store.openSpanning("t", FILES, 0));
        assertThrows(IllegalArgumentException.class,
                () -> store.openSpanning("t", List.of(new FileSpan("x", 1), new FileSpan("x", 2)), 8));
        assertThrows(IllegalArgumentException.class, () -> new FileSpan("../escape", 1));
        try (SpanningStorage torrent = store.openSpanning("t", FILES, 8)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> torrent.writeAt(30, ByteBuffer.allocate(6)));
            assertEquals("range [30, 36) (expected: within [0, 35))", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> torrent.verifyPiece(0, new byte[19]));
            assertThrows(IndexOutOfBoundsException.class, () -> torrent.verifyPiece(5, new byte[20]));
        }
    }
}
