package org.debswarm.peerwire.internal.discovery;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.debswarm.peerwire.netns.NetnsLan;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Real BEP 14 multicast between two hosts: network namespaces on one bridge ({@link NetnsLan}), a real engine
 * in each ({@link LsdNode}), a fleet key, no tracker and no peer given. The leech finds the seed by Local
 * Service Discovery alone (IPv4 and IPv6 groups on {@code eth0}) and downloads every file. Traffic stays inside
 * the namespaces; they are deleted also when the test fails. Skipped where namespaces cannot be made.
 */
public class LsdMulticastTest {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private Process node(NetnsLan.Host host, String role) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), LsdNode.class.getName(), role,
                folder.getRoot().toPath().resolve(role).toString(), host.ipv4()));
        return host.start(command, folder.getRoot().toPath().resolve(role + ".log"));
    }

    @Test
    public void aLeechFindsTheSeedByMulticastAloneAndDownloads() throws Exception {
        assumeTrue("needs root and ip(8) for network namespaces", NetnsLan.available());
        try (NetnsLan lan = NetnsLan.create("fleet-lsd", 2)) {
            node(lan.host(1), "seed");
            Process leech = node(lan.host(2), "leech");
            boolean ended = leech.waitFor(90, TimeUnit.SECONDS);
            String log = Files.readString(folder.getRoot().toPath().resolve("leech.log"));
            String seedLog = Files.readString(folder.getRoot().toPath().resolve("seed.log"));
            assertTrue("leech still running after 90 s:\n" + log + "\nseed:\n" + seedLog, ended);
            assertEquals("leech failed:\n" + log + "\nseed:\n" + seedLog, 0, leech.exitValue());
            String done = log.lines().filter(l -> l.startsWith("DONE")).findFirst().orElseThrow();
            System.out.println("LSD figures (leech): " + done);
            assertTrue(done, done.contains("DONE peers 1 "));
        }
    }
}
