package org.debswarm.peerwire.internal.discovery;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.debswarm.peerwire.internal.LsdNode;
import org.debswarm.peerwire.netns.NetnsLan;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Real BEP 14 multicast between two hosts: network namespaces on one bridge ({@link NetnsLan}), a real engine
 * in each ({@link LsdNode}), a fleet key, no tracker and no peer given. Leech and seed find each other by Local
 * Service Discovery alone (IPv4 and IPv6 groups on {@code eth0}) and downloads every file. Traffic stays inside
 * the namespaces; they are deleted also when the test fails. Skipped where namespaces cannot be made.
 */
public class LsdMulticastTest {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private Process node(NetnsLan.Host host, String role) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx96m", "-cp", System.getProperty("java.class.path"), LsdNode.class.getName(),
                role.startsWith("leech") ? "leech" : role,
                folder.getRoot().toPath().resolve(role).toString(), host.ipv4()));
        return host.start(command, folder.getRoot().toPath().resolve(role + ".log"));
    }

    /**
     * Host 1 seeds; hosts 2 to N leech, N from {@code -Dlsd.hosts} (2 by default; bench/lsd.sh runs 8). Each
     * leech prints its discovery counts; all must finish.
     */
    @Test
    public void leechesFindTheSeedByMulticastAloneAndDownload() throws Exception {
        assumeTrue("needs root and ip(8) for network namespaces", NetnsLan.available());
        int hosts = Integer.getInteger("lsd.hosts", 2);
        try (NetnsLan lan = NetnsLan.create("fleet-lsd", hosts)) {
            node(lan.host(1), "seed");
            List<Process> leeches = new ArrayList<>();
            for (int i = 2; i <= hosts; i++) {
                leeches.add(node(lan.host(i), "leech" + i));
            }
            for (int i = 2; i <= hosts; i++) {
                Process leech = leeches.get(i - 2);
                boolean ended = leech.waitFor(90, TimeUnit.SECONDS);
                String log = log("leech" + i);
                assertTrue("leech " + i + " still running after 90 s:\n" + log + "\nseed:\n" + log("seed"), ended);
                assertEquals("leech " + i + " failed:\n" + log + "\nseed:\n" + log("seed"), 0, leech.exitValue());
                String done = log.lines().filter(l -> l.startsWith("DONE")).findFirst().orElseThrow();
                System.out.println("LSD figures, " + hosts + " hosts, leech " + i + ": " + done);
                // whichever heard the other's announce dialled: "seen" may be 0 on the leech. Never two connections
                // to the one seed; none at the moment of DONE when a connection both sides dialled at once was
                // just being replaced by the one the lower peer id opened (seen once in CI)
                assertTrue(done, hosts > 2 || done.startsWith("DONE peers 1 ") || done.startsWith("DONE peers 0 "));
            }
        }
    }

    private String log(String role) throws java.io.IOException {
        return Files.readString(folder.getRoot().toPath().resolve(role + ".log"));
    }
}
