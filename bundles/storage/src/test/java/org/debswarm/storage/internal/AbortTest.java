package org.debswarm.storage.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.debswarm.storage.BeginResult;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileWrite;
import org.debswarm.storage.StoredFile;
import org.debswarm.storage.WriteAbortedException;
import org.junit.Test;

public class AbortTest extends StoreTestSupport {

    @Test
    public void abortDeletesThePartialAndFailsWaiters() throws Exception {
        FileSystemPieceStore store = open();
        byte[] bytes = content(50_000, 70);
        FileKey key = deb("aborted", bytes);
        BeginResult begin = store.begin(key);
        FileWrite write = begin.write().orElseThrow();
        CompletableFuture<StoredFile> waiter = store.whenStored(key);
        CompletableFuture<Long> reader = write.whenAvailable(bytes.length);
        write.writeAt(0, ByteBuffer.wrap(bytes, 0, 20_000));
        Path partial = home.resolve("partial").resolve(key.sha256() + ".part");
        assertTrue(Files.exists(partial));

        write.abort("mirror closed the connection");

        for (CompletableFuture<?> f : java.util.List.of(begin.completion(), waiter, reader)) {
            Throwable failure = failureOf(f);
            assertTrue(failure instanceof WriteAbortedException);
            assertTrue(failure.getMessage(), failure.getMessage().endsWith("aborted: mirror closed the connection"));
        }
        assertFalse(Files.exists(partial));
        assertEquals(0, store.summary().partialFiles());
        assertTrue(write.isDone());
        assertThrows(WriteAbortedException.class, () -> write.writeAt(20_000, ByteBuffer.wrap(bytes, 20_000, 10)));
        assertThrows(WriteAbortedException.class, write::openReader);
        assertEquals(BeginResult.Outcome.CREATED, store.begin(key).outcome());
    }

    @Test
    public void anIdleWriteIsSuspendedAndKeepsItsPartial() throws Exception {
        FileSystemPieceStore store = open(options(16_384, Duration.ofMillis(200)));
        byte[] bytes = content(50_000, 71);
        FileKey key = deb("idle", bytes);
        BeginResult begin = store.begin(key);
        begin.write().orElseThrow().writeAt(0, ByteBuffer.wrap(bytes, 0, 30_000));
        Throwable failure = failureOf(begin.completion());
        assertTrue(failure.getMessage(), failure.getMessage().contains("suspended: no bytes for"));

        BeginResult resumed = store.begin(key);
        assertEquals(30_000, resumed.write().orElseThrow().available());
        writeSequentially(resumed.write().orElseThrow(), bytes, 50_000);
        await(resumed.completion());
    }

    @Test
    public void abortAfterCompletionChangesNothing() throws Exception {
        FileSystemPieceStore store = open();
        byte[] bytes = content(1_000, 72);
        BeginResult begin = store.begin(deb("done", bytes));
        writeSequentially(begin.write().orElseThrow(), bytes, 1_000);
        StoredFile stored = await(begin.completion());
        begin.write().orElseThrow().abort("too late");
        assertTrue(Files.exists(stored.file()));
        assertEquals(stored, await(begin.write().orElseThrow().completion()));
    }

    @Test
    public void closingTheStoreFailsEveryWaiter() throws Exception {
        FileSystemPieceStore store = open();
        byte[] bytes = content(1_000, 73);
        FileKey key = deb("closing", bytes);
        CompletableFuture<StoredFile> before = store.whenStored(key);
        BeginResult begin = store.begin(key);
        CompletableFuture<Long> reader = begin.write().orElseThrow().whenAvailable(1_000);
        close(store);
        for (CompletableFuture<?> f : java.util.List.of(before, begin.completion(), reader)) {
            assertTrue(failureOf(f) instanceof WriteAbortedException);
        }
        assertTrue(failureOf(store.whenStored(key)) instanceof WriteAbortedException);
        assertThrows(WriteAbortedException.class, () -> store.begin(key));
    }
}
