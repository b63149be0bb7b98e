package org.debswarm.peerwire.internal.discovery;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.debswarm.peerwire.netns.NetnsLan;
import org.junit.Before;
import org.junit.Test;

/**
 * Local Service Discovery against an ordinary client's: aria2's Local Peer Discovery (BEP 14) and our engine on
 * two hosts in network namespaces, a standard torrent, no tracker, no DHT, no peer given. Each way (either one
 * seeding), leech and seed find each other by multicast alone (whichever hears the other dials) and the leech
 * gets every byte. Skipped without root, ip(8) or aria2c.
 */
public class LsdAria2Test extends LsdInteropSupport {

    private static final Path ARIA2 = Path.of("/usr/bin/aria2c");

    @Before
    public void client() throws Exception {
        assumeTrue("aria2c is not installed", Files.isExecutable(ARIA2));
    }

    private Process aria2(NetnsLan.Host host, Path dir, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(ARIA2.toString(), "--bt-enable-lpd=true",
                "--bt-lpd-interface=eth0", "--enable-dht=false", "--enable-dht6=false",
                "--enable-peer-exchange=false", "--listen-port=6881", "--dir=" + dir, "--file-allocation=none",
                "--console-log-level=warn", "--summary-interval=0", "--bt-require-crypto=false"));
        command.addAll(List.of(extra));
        command.add(torrentFile.toString());
        return host.start(command, folder.getRoot().toPath().resolve("aria2.log"));
    }

    @Test
    public void aria2FindsOurSeedByItsLocalPeerDiscovery() throws Exception {
        try (NetnsLan lan = NetnsLan.create("fleet-lpd", 2)) {
            engine(lan.host(1), "standard-seed", content.toString());
            Path target = folder.newFolder("aria2-leech").toPath();
            Process aria = aria2(lan.host(2), target, "--seed-time=0", "--check-integrity=true");
            assertTrue("aria2 still running after 90 s" + logs(), aria.waitFor(90, TimeUnit.SECONDS));
            assertEquals("aria2 failed" + logs(), 0, aria.exitValue());
            assertEveryFile(target.resolve(content.getFileName()));
        }
    }

    @Test
    public void ourLeechFindsAria2ByLocalServiceDiscovery() throws Exception {
        try (NetnsLan lan = NetnsLan.create("fleet-lpd", 2)) {
            aria2(lan.host(1), content.getParent(), "--seed-ratio=0.0", "--seed-time=5", "--check-integrity=true");
            Process leech = engine(lan.host(2), "standard-leech");
            assertTrue("leech still running after 90 s" + logs(), leech.waitFor(90, TimeUnit.SECONDS));
            assertEquals("leech failed" + logs(), 0, leech.exitValue());
            assertEveryFile(stored("standard-leech"));
        }
    }
}
