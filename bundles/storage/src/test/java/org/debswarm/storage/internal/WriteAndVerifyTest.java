package org.debswarm.storage.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.debswarm.storage.BeginResult;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileWrite;
import org.debswarm.storage.StoreSummary;
import org.debswarm.storage.StoredFile;
import org.junit.Test;

public class WriteAndVerifyTest extends StoreTestSupport {

    @Test
    public void writesVerifiesAndMovesIntoTheArchiveLayout() throws Exception {
        FileSystemPieceStore store = open();
        byte[] bytes = content(300_000, 1);
        FileKey key = deb("hello", bytes);
        BeginResult begin = store.begin(key);
        assertEquals(BeginResult.Outcome.CREATED, begin.outcome());
        FileWrite write = begin.write().orElseThrow();

        writeSequentially(write, bytes, 7_000);
        StoredFile stored = await(begin.completion());

        Path expected = home.resolve("mirrors").resolve(HOST).resolve(key.path());
        assertEquals(expected, stored.file());
        assertArrayEquals(bytes, Files.readAllBytes(expected));
        assertEquals(key, stored.key());
        assertEquals(Optional.of(stored), store.lookup(HOST, key.path()));
        assertEquals(Optional.of(stored), store.lookupBySha256(key.sha256()));
        assertTrue(write.isDone());
        assertTrue("the content-addressed copy is the same file",
                Files.isSameFile(expected, home.resolve("store/sha256").resolve(key.sha256().substring(0, 2)).resolve(key.sha256())));
        assertEquals("nothing left in partial/", 0, entries(home.resolve("partial")));
        assertEquals(new StoreSummary(1, bytes.length, 1, bytes.length, 0, 0), store.summary());
    }

    @Test
    public void partialIsNeverVisibleAtTheFinalPath() throws Exception {
        FileSystemPieceStore store = open();
        byte[] bytes = content(5 * FileWrite.BLOCK_SIZE + 17, 2);
        FileKey key = deb("partial", bytes);
        FileWrite write = store.begin(key).write().orElseThrow();
        Path target = home.resolve("mirrors").resolve(HOST).resolve(key.path());
        for (int at = 0; at < bytes.length - 1; at += 4096) {
            write.writeAt(at, ByteBuffer.wrap(bytes, at, Math.min(4096, bytes.length - 1 - at)));
            assertFalse("final path appeared at " + at, Files.exists(target));
            assertEquals(Optional.empty(), store.lookup(HOST, key.path()));
            assertEquals(Optional.empty(), store.lookupBySha256(key.sha256()));
        }
        assertEquals(bytes.length - 1, write.available());
        write.writeAt(bytes.length - 1, ByteBuffer.wrap(bytes, bytes.length - 1, 1));
        await(write.completion());
        assertTrue(Files.exists(target));
    }

    @Test
    public void appenderPipesASequentialBody() throws Exception {
        FileSystemPieceStore store = open();
        byte[] bytes = content(100_000, 3);
        FileWrite write = store.begin(deb("appended", bytes)).write().orElseThrow();
        try (WritableByteChannel out = write.appender(0)) {
            for (int at = 0; at < bytes.length; at += 999) {
                assertEquals(Math.min(999, bytes.length - at),
                        out.write(ByteBuffer.wrap(bytes, at, Math.min(999, bytes.length - at))));
            }
        }
        assertArrayEquals(bytes, Files.readAllBytes(await(write.completion()).file()));
    }

    @Test
    public void emptyFileIsStoredAtOnce() throws Exception {
        FileSystemPieceStore store = open();
        FileKey key = deb("empty", new byte[0]);
        BeginResult begin = store.begin(key);
        assertEquals(0, Files.size(await(begin.completion()).file()));
        assertEquals(BeginResult.Outcome.STORED, store.begin(key).outcome());
    }

    @Test
    public void beginOnAStoredFileSaysStored() throws Exception {
        FileSystemPieceStore store = open();
        byte[] bytes = content(1000, 4);
        FileKey key = deb("again", bytes);
        BeginResult first = store.begin(key);
        writeSequentially(first.write().orElseThrow(), bytes, 1000);
        StoredFile stored = await(first.completion());
        BeginResult second = store.begin(key);
        assertEquals(BeginResult.Outcome.STORED, second.outcome());
        assertEquals(Optional.empty(), second.write());
        assertEquals(stored, await(second.completion()));
    }

    @Test
    public void writesOutsideTheFileAreRejected() throws Exception {
        FileSystemPieceStore store = open();
        byte[] bytes = content(100, 5);
        FileWrite write = store.begin(deb("bounds", bytes)).write().orElseThrow();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> write.writeAt(90, ByteBuffer.allocate(11)));
        assertTrue(e.getMessage(), e.getMessage().startsWith("range [90, 101) is outside"));
        assertThrows(IllegalArgumentException.class, () -> write.writeAt(-1, ByteBuffer.allocate(1)));
        assertEquals(0, write.written());
    }

    @Test
    public void writesAfterCompletionAreIgnored() throws Exception {
        FileSystemPieceStore store = open();
        byte[] bytes = content(100, 6);
        FileWrite write = store.begin(deb("late", bytes)).write().orElseThrow();
        writeSequentially(write, bytes, 100);
        StoredFile stored = await(write.completion());
        assertEquals(0, write.writeAt(0, ByteBuffer.allocate(100)));
        assertArrayEquals(bytes, Files.readAllBytes(stored.file()));
        assertEquals(stored, await(write.completion()));
    }
}
