package org.debswarm.storage.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.debswarm.storage.BeginResult;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileWrite;
import org.junit.Test;

public class ConcurrentBeginTest extends StoreTestSupport {

    @Test
    public void concurrentBeginsOfOneContentMakeOneWrite() throws Exception {
        FileSystemPieceStore store = open();
        byte[] bytes = content(64_000, 30);
        int threads = 8;
        List<FileKey> keys = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            // Same content under several hosts and paths: one download serves them all.
            keys.add(key(i % 2 == 0 ? HOST : "ftp.fr.debian.org", "debian/pool/main/s/same/same_" + (i / 2) + ".deb", bytes));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<BeginResult> results = new ArrayList<>();
        try {
            List<Future<BeginResult>> futures = new ArrayList<>();
            for (FileKey key : keys) {
                Callable<BeginResult> begin = () -> {
                    start.await();
                    return store.begin(key);
                };
                futures.add(pool.submit(begin));
            }
            start.countDown();
            for (Future<BeginResult> f : futures) {
                results.add(f.get(WAIT_SECONDS, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        List<BeginResult> created = results.stream().filter(r -> r.outcome() == BeginResult.Outcome.CREATED).toList();
        assertEquals(1, created.size());
        FileWrite write = created.get(0).write().orElseThrow();
        for (BeginResult r : results) {
            assertSame(write, r.write().orElseThrow());
        }
        assertEquals(1, store.summary().activeWrites());

        writeSequentially(write, bytes, 5000);
        for (int i = 0; i < threads; i++) {
            assertEquals(keys.get(i), await(results.get(i).completion()).key());
        }
        assertEquals(threads, store.summary().storedPaths());
        assertEquals(1, store.summary().uniqueFiles());
    }
}
