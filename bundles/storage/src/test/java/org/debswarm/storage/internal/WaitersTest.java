package org.debswarm.storage.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.debswarm.storage.BeginResult;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileWrite;
import org.debswarm.storage.StoredFile;
import org.junit.Test;

public class WaitersTest extends StoreTestSupport {

    @Test
    public void everyWaiterIsWokenExactlyOnce() throws Exception {
        FileSystemPieceStore store = open();
        byte[] bytes = content(80_000, 20);
        FileKey key = deb("many", bytes);
        BeginResult begin = store.begin(key);
        List<CompletableFuture<StoredFile>> waiters = new ArrayList<>();
        AtomicInteger wakeups = new AtomicInteger();
        for (int i = 0; i < 50; i++) {
            CompletableFuture<StoredFile> f = i % 2 == 0 ? store.whenStored(key) : begin.write().orElseThrow().completion();
            f.thenRun(wakeups::incrementAndGet);
            waiters.add(f);
        }
        writeSequentially(begin.write().orElseThrow(), bytes, 8192);
        StoredFile stored = await(begin.completion());
        for (CompletableFuture<StoredFile> f : waiters) {
            assertEquals(stored, await(f));
        }
        assertEquals(50, wakeups.get());
    }

    @Test
    public void aWaiterBeforeAnyWriteIsWokenByTheLaterWrite() throws Exception {
        FileSystemPieceStore store = open();
        byte[] bytes = content(10_000, 21);
        FileKey key = deb("early", bytes);
        CompletableFuture<StoredFile> early = store.whenStored(key);
        FileKey elsewhere = key("ftp.de.debian.org", key.path(), bytes);
        CompletableFuture<StoredFile> earlyElsewhere = store.whenStored(elsewhere);
        assertEquals(0, store.summary().activeWrites());

        BeginResult begin = store.begin(key);
        writeSequentially(begin.write().orElseThrow(), bytes, 10_000);
        assertEquals(key, await(early).key());
        assertEquals("a waiter on another path gets its own path placed", elsewhere, await(earlyElsewhere).key());
    }

    @Test
    public void aWaiterThatTimesOutAffectsNobodyElse() throws Exception {
        FileSystemPieceStore store = open();
        byte[] bytes = content(10_000, 22);
        FileKey key = deb("patient", bytes);
        BeginResult begin = store.begin(key);
        CompletableFuture<StoredFile> impatient = store.whenStored(key).orTimeout(1, TimeUnit.MILLISECONDS);
        assertTrue(failureOf(impatient) instanceof TimeoutException);
        writeSequentially(begin.write().orElseThrow(), bytes, 1000);
        assertEquals(key, await(begin.completion()).key());
    }

    @Test
    public void aSecondClientStreamsWhileTheDownloadProgresses() throws Exception {
        FileSystemPieceStore store = open();
        byte[] bytes = content(500_000, 23);
        FileKey key = deb("streamed", bytes);
        BeginResult first = store.begin(key);
        BeginResult second = store.begin(key);
        assertEquals(BeginResult.Outcome.JOINED, second.outcome());
        FileWrite progress = second.write().orElseThrow();

        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            Future<byte[]> served = reader.submit(() -> stream(progress));
            writeSequentially(first.write().orElseThrow(), bytes, 3_333);
            assertArrayEquals(bytes, served.get(WAIT_SECONDS, TimeUnit.SECONDS));
        } finally {
            reader.shutdownNow();
        }
        await(second.completion());
    }

    /** What the apt listener does for a second client: read what is there, wait for more, never poll. */
    private static byte[] stream(FileWrite write) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FileChannel channel = write.openReader()) {
            long position = 0;
            while (position < write.size()) {
                long available = write.whenAvailable(position + 1).get(WAIT_SECONDS, TimeUnit.SECONDS);
                ByteBuffer buffer = ByteBuffer.allocate((int) (available - position));
                while (buffer.hasRemaining()) {
                    channel.read(buffer, position + buffer.position());
                }
                out.write(buffer.array());
                position = available;
            }
        }
        return out.toByteArray();
    }
}
