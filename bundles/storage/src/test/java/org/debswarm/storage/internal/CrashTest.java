package org.debswarm.storage.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.debswarm.storage.BeginResult;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileWrite;
import org.junit.Test;

/**
 * kill -9 of a JVM in the middle of a write, then a new store on the same folder and database: the finding F8 of
 * issue 15 (a node killed with 42.8 MB of a 60 MB file written resumed from 8.45 MB), with the same figures and
 * the default checkpoint of 8 MiB.
 */
public class CrashTest extends StoreTestSupport {

    private static final int SIZE = 60_000_000;
    private static final int WRITTEN = 42_800_000;
    private static final long CHECKPOINT = 8 << 20;
    private static final long SEED = 99;

    @Test
    public void aKilledWriterLeavesNothingServedAndAResumablePartial() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                home.toString(), String.valueOf(SIZE), String.valueOf(SEED), String.valueOf(WRITTEN),
                String.valueOf(CHECKPOINT))
                .redirectErrorStream(true).start();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<Boolean> written = CompletableFuture.supplyAsync(() -> awaitWritten(child), reader);
            assertTrue("child wrote " + WRITTEN + " bytes", written.get(120, TimeUnit.SECONDS));
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            assertTrue(child.waitFor(20, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
            reader.shutdownNow();
        }

        byte[] bytes = content(SIZE, SEED);
        FileKey key = deb("crash", bytes);
        FileSystemPieceStore store = open();
        assertEquals(Optional.empty(), store.lookup(HOST, key.path()));
        assertEquals(Optional.empty(), store.lookupBySha256(key.sha256()));
        assertFalse(Files.exists(home.resolve("mirrors").resolve(HOST).resolve(key.path())));
        assertEquals(1, store.summary().partialFiles());

        BeginResult resumed = store.begin(key);
        assertEquals(BeginResult.Outcome.CREATED, resumed.outcome());
        FileWrite write = resumed.write().orElseThrow();
        long available = write.available();
        assertTrue("resumed from " + available + " after " + WRITTEN + " bytes were written (expected: at most one"
                + " checkpoint of " + CHECKPOINT + " bytes lost)", available >= WRITTEN - CHECKPOINT && available < SIZE);
        assertRecordedBytesAreRight(write, bytes, available);

        writeSequentially(write, bytes, 65_536);
        assertArrayEquals(bytes, Files.readAllBytes(await(resumed.completion()).file()));
    }

    private static boolean awaitWritten(Process child) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.equals(CrashChild.WRITTEN)) {
                    return true;
                }
                System.err.println("child: " + line);
            }
            return false;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static void assertRecordedBytesAreRight(FileWrite write, byte[] bytes, long available) throws Exception {
        ByteBuffer recorded = ByteBuffer.allocate((int) available);
        try (FileChannel channel = write.openReader()) {
            while (recorded.hasRemaining()) {
                channel.read(recorded, recorded.position());
            }
        }
        assertArrayEquals(Arrays.copyOf(bytes, (int) available), recorded.array());
    }
}
