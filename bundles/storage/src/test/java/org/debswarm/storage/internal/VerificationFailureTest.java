package org.debswarm.storage.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.debswarm.storage.BeginResult;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileWrite;
import org.debswarm.storage.StoredFile;
import org.debswarm.storage.VerificationException;
import org.debswarm.storage.WriteAbortedException;
import org.junit.Test;

public class VerificationFailureTest extends StoreTestSupport {

    @Test
    public void wrongHashLeavesNoFileAndFailsEveryWaiter() throws Exception {
        FileSystemPieceStore store = open();
        byte[] expected = content(200_000, 10);
        byte[] corrupt = expected.clone();
        corrupt[123_456] ^= 1;
        FileKey key = deb("corrupt", expected);
        FileKey otherPath = key(HOST, "debian/pool/main/c/corrupt/copy.deb", expected);

        BeginResult begin = store.begin(key);
        CompletableFuture<StoredFile> waiter = store.whenStored(key);
        CompletableFuture<StoredFile> joined = store.begin(otherPath).completion();
        CompletableFuture<Long> streaming = begin.write().orElseThrow().whenAvailable(expected.length);
        writeSequentially(begin.write().orElseThrow(), corrupt, 10_000);

        for (CompletableFuture<StoredFile> f : java.util.List.of(begin.completion(), waiter, joined)) {
            VerificationException e = (VerificationException) failureOf(f);
            assertEquals(key.sha256(), e.expectedSha256());
            assertEquals(sha256(corrupt), e.actualSha256());
            assertTrue(e.getMessage(), e.getMessage().startsWith("SHA-256 mismatch for deb.debian.org/debian/pool/"));
        }
        // The whole prefix was available before verification, so a streaming reader was served; it
        // learns of the failure through completion().
        assertEquals(Long.valueOf(expected.length), await(streaming));
        assertFalse(Files.exists(home.resolve("mirrors").resolve(HOST).resolve(key.path())));
        assertFalse(Files.exists(home.resolve("mirrors").resolve(HOST).resolve(otherPath.path())));
        assertEquals(0, entries(home.resolve("partial")));
        assertEquals(Optional.empty(), store.lookup(HOST, key.path()));
        assertEquals(0, store.summary().partialFiles());
        assertEquals(0, store.summary().uniqueFiles());
        assertThrows(WriteAbortedException.class, () -> begin.write().orElseThrow().writeAt(0, ByteBuffer.allocate(1)));
    }

    @Test
    public void aFreshWriteCanFollowAFailedOne() throws Exception {
        FileSystemPieceStore store = open();
        byte[] expected = content(50_000, 11);
        byte[] corrupt = content(50_000, 12);
        FileKey key = deb("retry", expected);
        FileWrite bad = store.begin(key).write().orElseThrow();
        writeSequentially(bad, corrupt, 50_000);
        assertTrue(failureOf(bad.completion()) instanceof VerificationException);

        BeginResult again = store.begin(key);
        assertEquals(BeginResult.Outcome.CREATED, again.outcome());
        assertEquals("a failed write leaves nothing to resume", 0, again.write().orElseThrow().written());
        writeSequentially(again.write().orElseThrow(), expected, 4096);
        assertEquals(key, await(again.completion()).key());
    }
}
