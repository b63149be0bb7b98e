package org.debswarm.storage.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

import org.debswarm.storage.BeginResult;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.StoredFile;
import org.junit.Test;

public class TamperDetectionTest extends StoreTestSupport {

    @Test
    public void changedBytesOfTheSameSizeAreDetected() throws Exception {
        FileSystemPieceStore store = open();
        StoredFile stored = store(store, "same-size", 40_000);
        FileTime before = Files.getLastModifiedTime(stored.file());
        overwrite(stored.file(), 1000, new byte[] {1, 2, 3});
        // A later write always moves the time on; make that explicit rather than rely on clock ticks.
        Files.setLastModifiedTime(stored.file(), FileTime.fromMillis(before.toMillis() + 2000));

        assertEquals(Optional.empty(), store.lookup(HOST, stored.path()));
        assertFalse("the wrong file is not left in place", Files.exists(stored.file()));
        assertEquals(BeginResult.Outcome.CREATED, store.begin(stored.key()).outcome());
    }

    @Test
    public void aDifferentSizeIsDetected() throws Exception {
        FileSystemPieceStore store = open();
        StoredFile stored = store(store, "shorter", 40_000);
        FileTime before = Files.getLastModifiedTime(stored.file());
        try (FileChannel c = FileChannel.open(stored.file(), StandardOpenOption.WRITE)) {
            c.truncate(39_999);
        }
        Files.setLastModifiedTime(stored.file(), before);
        assertEquals(Optional.empty(), store.lookup(HOST, stored.path()));
        assertEquals(Optional.empty(), store.lookupBySha256(stored.sha256()));
    }

    @Test
    public void aDeletedFileIsDetected() throws Exception {
        FileSystemPieceStore store = open();
        StoredFile stored = store(store, "deleted", 1_000);
        Files.delete(stored.file());
        assertEquals(Optional.empty(), store.lookup(HOST, stored.path()));
        assertEquals(0, store.summary().storedPaths());
        assertEquals("content with no path left is collected", 0, store.summary().uniqueFiles());
    }

    @Test
    public void aFileDeletedAfterItWasServedIsDetected() throws Exception {
        FileSystemPieceStore store = open();
        StoredFile stored = store(store, "served-then-deleted", 1_000);
        for (int i = 0; i < 3; i++) { // served: its row is kept in memory
            assertEquals(Optional.of(stored), store.lookup(HOST, stored.path()));
            store.use(HOST, stored.path()).orElseThrow().close();
        }
        Files.delete(stored.file());
        assertEquals("the file is checked on every use", Optional.empty(), store.use(HOST, stored.path()));
        assertEquals(Optional.empty(), store.lookup(HOST, stored.path()));
        assertEquals(0, store.summary().storedPaths());
        assertEquals(BeginResult.Outcome.CREATED, store.begin(stored.key()).outcome());
    }

    @Test
    public void aFileChangedAfterItWasServedIsDetected() throws Exception {
        FileSystemPieceStore store = open();
        StoredFile stored = store(store, "served-then-changed", 40_000);
        store.use(HOST, stored.path()).orElseThrow().close();
        store.use(HOST, stored.path()).orElseThrow().close();
        FileTime before = Files.getLastModifiedTime(stored.file());
        overwrite(stored.file(), 10, new byte[] {9, 9, 9});
        Files.setLastModifiedTime(stored.file(), FileTime.fromMillis(before.toMillis() + 2000));
        assertEquals(Optional.empty(), store.use(HOST, stored.path()));
        assertFalse("the wrong file is not left in place", Files.exists(stored.file()));
    }

    @Test
    public void aPathStoredAgainWithOtherBytesIsServedAsTheNewContent() throws Exception {
        FileSystemPieceStore store = open();
        StoredFile first = store(store, "replaced", 2_000);
        store.use(HOST, first.path()).orElseThrow().close(); // the first row is kept in memory
        byte[] other = content(3_000, 77);
        FileKey second = key(HOST, first.path(), other);
        BeginResult begin = store.begin(second);
        writeSequentially(begin.write().orElseThrow(), other, 8192);
        await(begin.completion());
        try (var lease = store.use(HOST, first.path()).orElseThrow()) {
            assertEquals(second, lease.file().key());
            assertEquals(3_000, Files.size(lease.file().file()));
        }
        assertTrue(store.remove(HOST, first.path()));
        assertEquals("a removed path is not served from memory", Optional.empty(), store.use(HOST, first.path()));
    }

    @Test
    public void aSymbolicLinkInPlaceOfTheFileIsNotServed() throws Exception {
        FileSystemPieceStore store = open();
        StoredFile stored = store(store, "symlink", 1_000);
        Path elsewhere = folder.newFile("elsewhere").toPath();
        Files.write(elsewhere, Files.readAllBytes(stored.file()));
        Files.setLastModifiedTime(elsewhere, Files.getLastModifiedTime(stored.file()));
        Files.delete(stored.file());
        Files.createSymbolicLink(stored.file(), elsewhere);
        assertEquals(Optional.empty(), store.lookup(HOST, stored.path()));
        assertTrue("the link's target is not touched", Files.exists(elsewhere));
    }

    @Test
    public void changedBytesWithTheTimeRestoredNeedAFullVerify() throws Exception {
        FileSystemPieceStore store = open();
        StoredFile stored = store(store, "sneaky", 40_000);
        StoredFile linked = store.linkIfKnown(key("ftp.de.debian.org", stored.path(), content(40_000, "sneaky".hashCode())))
                .orElseThrow();
        FileTime before = Files.getLastModifiedTime(stored.file());
        overwrite(stored.file(), 5, new byte[] {9, 9, 9});
        Files.setLastModifiedTime(stored.file(), before);

        assertTrue("size and time match: the cheap check cannot tell", store.lookup(HOST, stored.path()).isPresent());
        assertEquals(Optional.empty(), store.verify(HOST, stored.path()));
        assertEquals(Optional.empty(), store.lookup(HOST, stored.path()));
        assertEquals("a hard link shares the bad bytes, so it goes too", Optional.empty(),
                store.lookup("ftp.de.debian.org", linked.path()));
        assertEquals(0, store.summary().uniqueFiles());
    }

    @Test
    public void verifyOfAGoodFileKeepsItAndAcceptsATouchedTime() throws Exception {
        FileSystemPieceStore store = open();
        StoredFile stored = store(store, "touched", 10_000);
        assertEquals(Optional.of(stored), store.verify(HOST, stored.path()));
        Files.setLastModifiedTime(stored.file(), FileTime.fromMillis(1_000_000_000_000L));
        assertEquals(Optional.of(stored), store.verify(HOST, stored.path()));
        assertEquals("the rehash re-recorded the new time", Optional.of(stored), store.lookup(HOST, stored.path()));
        assertEquals("and the content's record too", Optional.of(stored), store.lookupBySha256(stored.sha256()));
        assertTrue(store.linkIfKnown(key("other.example", stored.path(), content(10_000, "touched".hashCode()))).isPresent());
    }

    private StoredFile store(FileSystemPieceStore store, String name, int size) throws Exception {
        byte[] bytes = content(size, name.hashCode());
        FileKey key = key(HOST, "debian/pool/main/t/" + name + ".deb", bytes);
        BeginResult begin = store.begin(key);
        writeSequentially(begin.write().orElseThrow(), bytes, 8192);
        return await(begin.completion());
    }

    private static void overwrite(Path file, long at, byte[] bytes) throws Exception {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.write(ByteBuffer.wrap(bytes), at);
        }
    }
}
