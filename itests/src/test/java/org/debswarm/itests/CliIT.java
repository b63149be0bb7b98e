package org.debswarm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The real {@code bin/debswarm} command against a real node (issue 17 item 5): every subcommand with
 * {@code --json}, and its exit codes (seed import itself: SeedImportIT). The cache API comes with the bounded store: until a node has it, the cache
 * subcommands say "not available" (6); with it, list answers 0 and an unknown path 1.
 */
public class CliIT {

    @Rule
    public TemporaryFolder work = new TemporaryFolder();

    @Test
    public void everySubcommandAgainstARunningNode() throws Exception {
        try (NodeProcess node = NodeProcess.start(work.getRoot().toPath())) {
            Path install = node.install();
            String url = "http://127.0.0.1:" + node.consolePort();
            DebswarmCommand.Run waited = run(install, "--url", url, "wait-ready", "--timeout", "120");
            assertEquals(waited.out() + waited.err(), 0, waited.code());

            String[] base = {"--url", url, "--home", node.home().toString(), "--json"};
            DebswarmCommand.Run status = run(install, concat(base, "status"));
            assertEquals(status.err(), 0, status.code());
            assertTrue(status.out(), status.out().startsWith("{\"ready\":true,"));
            assertTrue(status.out(), status.out().contains("\"storeUsedBytes\":"));

            DebswarmCommand.Run password = run(install, concat(base, "password"));
            assertEquals(0, password.code());
            assertTrue(password.out(), password.out().contains("\"exists\":true"));

            DebswarmCommand.Run apt = run(install, concat(base, "apt-setup"));
            assertEquals(0, apt.code());
            assertTrue(apt.out(), apt.out().contains("Acquire::http::Proxy-Auto-Detect"));

            DebswarmCommand.Run list = run(install, concat(base, "cache", "list"));
            assertTrue(list.out() + list.err(), list.code() == 0 || list.code() == 6);
            if (list.code() == 0) {
                assertTrue(list.out(), list.out().contains("\"files\":["));
                assertEquals(1, run(install, concat(base, "cache", "pin", "deb.debian.org/debian/pool/none.deb")).code());
            }
            assertEquals(2, run(install, concat(base, "seed", "import")).code()); // no folder
            assertEquals(1, run(install, concat(base, "seed")).code()); // no import ran yet
            assertEquals(2, run(install, concat(base, "bogus")).code());
            DebswarmCommand.Run bad = run(install, "--url", url, "--password-file", work.newFile("wrong").toString(), "status");
            assertEquals(bad.err(), 5, bad.code());
            assertEquals(143, node.stop(Duration.ofSeconds(30)));

            DebswarmCommand.Run none = run(install, "--url", url);
            assertEquals(3, none.code());
            assertTrue(none.err(), none.err().contains("debswarm run"));
        }
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }

    private DebswarmCommand.Run run(Path install, String... args) throws IOException, InterruptedException {
        return new DebswarmCommand(install, work.getRoot().toPath()).run(args);
    }
}
