package org.debswarm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Set;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The real bin/debswarm, started as a person starts it. */
public class LauncherProcessIT {

    @Rule
    public TemporaryFolder work = new TemporaryFolder();

    @Test
    public void consoleRefusesAnonymousAndDefaultCredentialsAndAcceptsTheGeneratedPassword() throws Exception {
        try (NodeProcess node = NodeProcess.start(work.getRoot().toPath())) {
            String banner = node.awaitStarted(Duration.ofSeconds(60));
            Path passwordFile = node.home().resolve("etc/console-password");
            assertTrue("the banner says where the password is:\n" + banner, banner.contains(passwordFile.toString()));
            assertEquals("owner-only password file", Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(passwordFile));
            String password = Files.readString(passwordFile).strip();

            assertEquals(401, node.httpStatus("/system/console/bundles", null, null));
            assertEquals(401, node.httpStatus("/system/console/bundles", "admin", "admin"));
            assertEquals(200, node.httpStatus("/system/console/bundles", "admin", password));
            // the confinement comes with a Debswarm bundle that FileInstall starts a moment after the Jetty instances
            for (int other : new int[] {node.aptPort(), node.trackerPort()}) {
                assertEquals("the console only on its own port, not on " + other, 404,
                        node.awaitStatus(other, "/system/console/bundles", "admin", password, 404,
                                Duration.ofSeconds(30)));
            }

            assertEquals("SIGTERM stops the node cleanly", 143, node.stop(Duration.ofSeconds(30)));
        }
    }

    @Test
    public void theGeneratedPasswordIsKeptAcrossRestarts() throws Exception {
        Path workDir = work.getRoot().toPath();
        String first;
        try (NodeProcess node = NodeProcess.start(workDir)) {
            node.awaitStarted(Duration.ofSeconds(60));
            first = Files.readString(node.home().resolve("etc/console-password")).strip();
            assertEquals(143, node.stop(Duration.ofSeconds(30)));
        }
        try (NodeProcess again = NodeProcess.start(workDir)) {
            again.awaitStarted(Duration.ofSeconds(60));
            assertEquals(first, Files.readString(again.home().resolve("etc/console-password")).strip());
            assertEquals(200, again.httpStatus("/system/console/bundles", "admin", first));
            assertEquals(143, again.stop(Duration.ofSeconds(30)));
        }
    }
}
