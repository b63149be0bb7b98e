package org.debswarm.storage.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Optional;

import org.debswarm.storage.BeginResult;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileWrite;
import org.debswarm.storage.StoredFile;
import org.debswarm.storage.WriteAbortedException;
import org.junit.Test;

public class RestartTest extends StoreTestSupport {

    @Test
    public void aNewStoreOnTheSameFolderKnowsItsFilesWithoutRehashing() throws Exception {
        FileSystemPieceStore first = open();
        byte[] bytes = content(120_000, 50);
        FileKey key = deb("kept", bytes);
        BeginResult begin = first.begin(key);
        writeSequentially(begin.write().orElseThrow(), bytes, 16_384);
        StoredFile stored = await(begin.completion());
        close(first);

        // Change the bytes but keep size and time: only a rehash could notice. The new store
        // still reports the file, which proves it trusted its records instead of rehashing.
        FileTime time = Files.getLastModifiedTime(stored.file());
        try (FileChannel c = FileChannel.open(stored.file(), StandardOpenOption.WRITE)) {
            c.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 0}), 60_000);
        }
        Files.setLastModifiedTime(stored.file(), time);

        FileSystemPieceStore second = open();
        assertEquals(Optional.of(stored), second.lookup(HOST, key.path()));
        assertEquals(Optional.of(stored), second.lookupBySha256(key.sha256()));
        assertEquals(1, second.summary().storedPaths());
        assertEquals("an explicit verify does rehash", Optional.empty(), second.verify(HOST, key.path()));
    }

    @Test
    public void aSuspendedWriteResumesAfterARestart() throws Exception {
        FileSystemPieceStore first = open(options(16_384, Duration.ofMinutes(5)));
        byte[] bytes = content(10 * FileWrite.BLOCK_SIZE, 51);
        FileKey key = deb("resumed", bytes);
        BeginResult begin = first.begin(key);
        FileWrite write = begin.write().orElseThrow();
        int half = 5 * FileWrite.BLOCK_SIZE;
        writeSequentially(write, java.util.Arrays.copyOf(bytes, half), 4096);
        write.writeAt(8 * FileWrite.BLOCK_SIZE, ByteBuffer.wrap(bytes, 8 * FileWrite.BLOCK_SIZE, FileWrite.BLOCK_SIZE));
        close(first); // closing suspends: partial file and ranges stay
        assertTrue(failureOf(begin.completion()) instanceof WriteAbortedException);
        assertTrue(Files.exists(home.resolve("partial").resolve(key.sha256() + ".part")));

        FileSystemPieceStore second = open();
        assertEquals(1, second.summary().partialFiles());
        BeginResult resumed = second.begin(key);
        assertEquals(BeginResult.Outcome.CREATED, resumed.outcome());
        FileWrite again = resumed.write().orElseThrow();
        assertEquals(half, again.available());
        assertEquals(half + FileWrite.BLOCK_SIZE, again.written());
        assertTrue(again.hasBlock(8));
        assertFalse(again.hasBlock(5));
        // A resuming mirror download asks for Range: bytes=<available>- and writes from there.
        int added = 0;
        for (int at = (int) again.available(); at < bytes.length; at += 10_000) {
            added += again.writeAt(at, ByteBuffer.wrap(bytes, at, Math.min(10_000, bytes.length - at)));
        }
        assertEquals("present bytes are not written twice", bytes.length - half - FileWrite.BLOCK_SIZE, added);
        assertArrayEquals(bytes, Files.readAllBytes(await(resumed.completion()).file()));
        assertEquals(0, second.summary().partialFiles());
    }

    @Test
    public void strayFilesInThePartialFolderAreSweptAtStart() throws Exception {
        FileSystemPieceStore first = open();
        close(first);
        Path partial = home.resolve("partial");
        Files.write(partial.resolve("place-123.tmp"), new byte[10]);
        Files.write(partial.resolve("a".repeat(64) + ".part"), new byte[10]);
        open();
        assertEquals(0, entries(partial));
    }

    @Test
    public void aPartialFileWithTheWrongLengthStartsOver() throws Exception {
        FileSystemPieceStore first = open(options(16_384, Duration.ofMinutes(5)));
        byte[] bytes = content(4 * FileWrite.BLOCK_SIZE, 52);
        FileKey key = deb("truncated", bytes);
        FileWrite write = first.begin(key).write().orElseThrow();
        writeSequentially(write, java.util.Arrays.copyOf(bytes, 2 * FileWrite.BLOCK_SIZE), FileWrite.BLOCK_SIZE);
        close(first);
        try (FileChannel c = FileChannel.open(home.resolve("partial").resolve(key.sha256() + ".part"),
                StandardOpenOption.WRITE)) {
            c.truncate(100);
        }
        FileSystemPieceStore second = open();
        assertEquals(0, second.summary().partialFiles());
        FileWrite fresh = second.begin(key).write().orElseThrow();
        assertEquals(0, fresh.written());
        writeSequentially(fresh, bytes, 5000);
        await(fresh.completion());
    }
}
