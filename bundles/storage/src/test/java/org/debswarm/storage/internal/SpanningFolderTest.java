package org.debswarm.storage.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.debswarm.storage.FileSpan;
import org.debswarm.storage.SpanningStorage;
import org.junit.Test;

/**
 * Issue 15, F4, as the review did it: a second torrent with the same name as a running one, and symbolic links
 * under {@code torrents/}; neither may change a byte it does not own.
 */
public class SpanningFolderTest extends StoreTestSupport {

    private static final String A = "aaaa";
    private static final String B = "bbbb";

    @Test
    public void aSecondTorrentOfTheSameNameCannotOpenTheFirstOnesFolder() throws Exception {
        FileSystemPieceStore store = open();
        byte[] content = content(4 << 20, 3);
        List<FileSpan> iso = List.of(new FileSpan("disc.iso", content.length));
        try (SpanningStorage first = store.openSpanning("debian-cd", A, iso, 1 << 18)) {
            first.writeAt(0, ByteBuffer.wrap(content));
            FileAlreadyExistsException refused = assertThrows(FileAlreadyExistsException.class,
                    () -> store.openSpanning("debian-cd", B, List.of(new FileSpan("disc.iso", 1000)), 1 << 14));
            assertTrue(refused.getMessage(), refused.getMessage().contains("claimed by torrent " + A));
            // not even a torrent of exactly the same layout
            assertThrows(FileAlreadyExistsException.class, () -> store.openSpanning("debian-cd", B, iso, 1 << 18));
        }
        Path file = home.resolve("torrents/debian-cd/disc.iso");
        assertEquals("the first one's file is whole", content.length, Files.size(file));
        assertArrayEquals(content, Files.readAllBytes(file));
        try (SpanningStorage again = store.openSpanning("debian-cd", A, iso, 1 << 18)) {
            assertEquals("its owner opens it again", content.length, again.length());
        }
    }

    @Test
    public void aLinkedFileIsNotFollowedAndTheOutsideFileKeepsItsBytes() throws Exception {
        FileSystemPieceStore store = open();
        Path outside = Files.writeString(folder.newFile("outside.txt").toPath(), "thirty-three bytes of user data!\n");
        Path root = Files.createDirectories(home.resolve("torrents/evil"));
        Files.createSymbolicLink(root.resolve("victim"), outside);
        IOException refused = assertThrows(IOException.class,
                () -> store.openSpanning("evil", A, List.of(new FileSpan("victim", 4)), 4));
        assertTrue(refused.getMessage(), refused.getMessage().contains("not followed"));
        assertEquals(33, Files.size(outside));
        assertEquals("thirty-three bytes of user data!\n", Files.readString(outside));
    }

    @Test
    public void aLinkedFolderIsNotFollowedAtAnyDepth() throws Exception {
        FileSystemPieceStore store = open();
        Path elsewhere = folder.newFolder("elsewhere").toPath();
        Path precious = Files.writeString(elsewhere.resolve("data.bin"), "precious");
        Path torrents = Files.createDirectories(home.resolve("torrents"));
        Files.createSymbolicLink(torrents.resolve("linked"), elsewhere);
        assertThrows(IOException.class,
                () -> store.openSpanning("linked", A, List.of(new FileSpan("data.bin", 1)), 1));
        Path root = Files.createDirectories(torrents.resolve("deep"));
        Files.createSymbolicLink(root.resolve("sub"), elsewhere);
        assertThrows(IOException.class,
                () -> store.openSpanning("deep", A, List.of(new FileSpan("sub/data.bin", 1)), 1));
        assertEquals("precious", Files.readString(precious));
        Files.createSymbolicLink(torrents.resolve("dangling"), elsewhere.resolve("gone"));
        assertThrows(IOException.class,
                () -> store.openSpanning("dangling", A, List.of(new FileSpan("f", 1)), 1));
        assertTrue("nothing created through the dangling link", Files.notExists(elsewhere.resolve("gone")));
    }

    @Test
    public void aFileAlreadyThereKeepsItsLengthAndAnEmptyOneGrows() throws Exception {
        FileSystemPieceStore store = open();
        Path root = Files.createDirectories(home.resolve("torrents/seeded"));
        Files.writeString(root.resolve("readme.txt"), "hello");
        Files.createFile(root.resolve("empty.bin"));
        IOException refused = assertThrows(IOException.class,
                () -> store.openSpanning("seeded", A, List.of(new FileSpan("readme.txt", 2)), 4));
        assertTrue(refused.getMessage(), refused.getMessage().contains("exists with 5 bytes (expected: 2)"));
        assertEquals("hello", Files.readString(root.resolve("readme.txt")));
        try (SpanningStorage seeded = store.openSpanning("seeded", A,
                List.of(new FileSpan("readme.txt", 5), new FileSpan("empty.bin", 3)), 4)) {
            assertEquals(8, seeded.length());
        }
        assertEquals("content in place is seeded as it is", "hello", Files.readString(root.resolve("readme.txt")));
        assertEquals(3, Files.size(root.resolve("empty.bin")));
    }

    @Test
    public void theClaimFileIsNotATorrentsFile() throws Exception {
        FileSystemPieceStore store = open();
        assertThrows(IOException.class, () -> store.openSpanning("claim", A,
                List.of(new FileSpan(SpanningFolder.OWNER_FILE, 1)), 1));
        assertThrows(IllegalArgumentException.class, () -> store.openSpanning("x", "two words",
                List.of(new FileSpan("f", 1)), 1));
    }
}
