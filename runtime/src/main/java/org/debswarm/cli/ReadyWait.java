package org.debswarm.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code debswarm wait-ready [--timeout S]}: returns when the node can serve apt. Once the console port answers,
 * each request is a long poll ({@code /health?wait=}) that the node answers the moment it is ready; before
 * that port is open there is no event to wait on, so a refused connection is retried after 200 ms.
 */
final class ReadyWait {

    private static final Duration DEFAULT = Duration.ofSeconds(120);
    private static final long RETRY_MILLIS = 200;
    private static final long LONG_POLL_SECONDS = 60;

    private final NodeClient node;
    private final PrintStream out;
    private final boolean json;

    ReadyWait(NodeClient node, PrintStream out, boolean json) {
        this.node = node;
        this.out = out;
        this.json = json;
    }

    int run(List<String> words) throws CliFailure {
        Duration timeout = DEFAULT;
        if (!words.isEmpty()) {
            if (words.size() != 2 || !"--timeout".equals(words.get(0))) {
                throw Cli.usage("wait-ready takes only --timeout SECONDS");
            }
            timeout = Commands.seconds(words.get(1), "--timeout");
        }
        long end = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (true) {
            long left = TimeUnit.NANOSECONDS.toSeconds(end - System.nanoTime());
            try {
                NodeClient.Answer answer = node.get("/health?wait=" + Math.max(0, Math.min(left, LONG_POLL_SECONDS)),
                        false, Duration.ofSeconds(LONG_POLL_SECONDS + 10));
                if (answer.status() == 200) {
                    out.print(json ? answer.body().strip() + "\n" : "ready: " + node.base() + "\n");
                    return ExitCodes.OK;
                }
                last = answer.status() + " " + answer.body().strip();
                if (answer.status() == 404) {
                    pause(); // the console is up, /health not yet registered
                }
            } catch (CliFailure notListening) {
                if (notListening.exitCode() != ExitCodes.NO_NODE) {
                    throw notListening;
                }
                last = "nothing listens yet";
                pause();
            }
            if (System.nanoTime() - end >= 0) {
                throw new CliFailure(ExitCodes.NOT_READY, "the node at " + node.base() + " was not ready within "
                        + timeout.toSeconds() + " s (last: " + last + ")");
            }
        }
    }

    private static void pause() throws CliFailure {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure(ExitCodes.FAILED, "interrupted");
        }
    }
}
