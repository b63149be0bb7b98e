package org.debswarm.aptlistener.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the scheduling priority of the calling thread alone (Linux: a thread is a task with its own nice value,
 * which {@code renice -p <thread id>} sets; Java has no call for it and its thread priorities are ignored on
 * Linux). Used by the index thread, whose parse of a 50 MB Packages must not take the CPU from apt, which
 * decompresses the same index at the same moment: under contention the scheduler gives apt the CPU first; on an
 * idle machine the parse runs at full speed. Where it cannot (another system, no {@code renice}), the thread keeps
 * its priority and the reason is logged at debug.
 */
final class Niceness {

    private static final Logger LOG = LoggerFactory.getLogger(Niceness.class);
    private static final Path THREAD_SELF = Path.of("/proc/thread-self");
    private static final long RENICE_WAIT_SECONDS = 5;

    private Niceness() {
    }

    /** @param niceness 1 (a little lower) to 19 (only when nothing else wants the CPU) */
    static void lowerCurrentThread(int niceness) {
        if (niceness < 1 || niceness > 19) {
            throw new IllegalArgumentException("niceness " + niceness + " (expected: 1 to 19)");
        }
        String thread = Thread.currentThread().getName();
        try {
            if (!Files.isSymbolicLink(THREAD_SELF)) {
                LOG.debug("{} keeps its priority: no {} here", thread, THREAD_SELF);
                return;
            }
            String tid = Files.readSymbolicLink(THREAD_SELF).getFileName().toString();
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(niceness), "-p", tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!renice.waitFor(RENICE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                renice.destroyForcibly();
                LOG.debug("{} keeps its priority: renice did not finish in {} s", thread, RENICE_WAIT_SECONDS);
            } else if (renice.exitValue() != 0) {
                LOG.debug("{} keeps its priority: renice exited with {}", thread, renice.exitValue());
            } else {
                LOG.debug("{} (thread {}) runs at niceness {}", thread, tid, niceness);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("{} keeps its priority: {}", thread, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
