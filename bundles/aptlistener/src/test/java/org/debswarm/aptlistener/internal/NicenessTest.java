package org.debswarm.aptlistener.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.debswarm.commons.Shutdown;
import org.junit.Test;

/** The index thread runs below the others, and only it: its own nice value, read from /proc, not the process's. */
public class NicenessTest {

    @Test
    public void aBackgroundThreadRunsAtItsNicenessAndTheOthersDoNot() throws Exception {
        assumeTrue("Linux with /proc/thread-self and renice",
                Files.isSymbolicLink(Path.of("/proc/thread-self")) && onPath("renice"));
        ExecutorService thread = Executors.newSingleThreadExecutor(Threads.named("test-index"));
        int before = ownNiceness();
        assumeTrue("the test itself runs below the index thread's niceness", before < AptListener.INDEX_NICENESS);
        try {
            thread.execute(() -> Niceness.lowerCurrentThread(AptListener.INDEX_NICENESS)); // as the listener does
            CompletableFuture<Integer> seen = CompletableFuture.supplyAsync(NicenessTest::ownNiceness, thread);
            assertEquals(AptListener.INDEX_NICENESS, (int) seen.get(30, TimeUnit.SECONDS));
            assertEquals("the calling thread is untouched", before, ownNiceness());
        } finally {
            Shutdown.now(thread, "test-index", java.time.Duration.ofSeconds(5));
        }
    }

    @Test(expected = IllegalArgumentException.class)
    public void aNicenessOutsideOneToNineteenIsRefused() {
        Niceness.lowerCurrentThread(0);
    }

    /** Field 19 of /proc/thread-self/stat (after the command name in parentheses, which may hold spaces). */
    private static int ownNiceness() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Integer.parseInt(fields[16]); // field 19 counted from 1, minus the pid and the name
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
