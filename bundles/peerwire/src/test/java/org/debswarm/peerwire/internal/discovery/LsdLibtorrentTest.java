package org.debswarm.peerwire.internal.discovery;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.debswarm.peerwire.netns.NetnsLan;
import org.junit.Before;
import org.junit.Test;

/**
 * Local Service Discovery against libtorrent's (python3-libtorrent, the engine of qBittorrent and Deluge) and our
 * engine on two hosts in network namespaces, a standard torrent, no tracker, no DHT, no peer given. Each way
 * (either one seeding), leech and seed find each other by multicast alone (whichever hears the other dials) and
 * the leech gets every byte. Skipped without root, ip(8) or the module.
 */
public class LsdLibtorrentTest extends LsdInteropSupport {

    private static final String PYTHON = "/usr/bin/python3";

    @Before
    public void client() throws Exception {
        assumeTrue("python3-libtorrent is not installed", libtorrent());
    }

    private static boolean libtorrent() throws InterruptedException {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import libtorrent").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private Process libtorrent(NetnsLan.Host host, String mode, Path dir) throws IOException {
        Path script = folder.getRoot().toPath().resolve("lt_peer.py");
        if (!Files.exists(script)) {
            try (var in = getClass().getResourceAsStream("/org/debswarm/peerwire/internal/lt_peer.py")) {
                Files.copy(in, script);
            }
        }
        return host.start(List.of(PYTHON, script.toString(), mode, torrentFile.toString(), dir.toString(),
                host.ipv4(), "6881", "lsd"), folder.getRoot().toPath().resolve("libtorrent.log"));
    }

    @Test
    public void libtorrentAndOurSeedFindEachOther() throws Exception {
        try (NetnsLan lan = NetnsLan.create("fleet-ltl", 2)) {
            engine(lan.host(1), "standard-seed", content.toString());
            Path target = folder.newFolder("lt-leech").toPath();
            Process lt = libtorrent(lan.host(2), "leech", target);
            assertTrue("libtorrent still running after 90 s" + logs(), lt.waitFor(90, TimeUnit.SECONDS));
            assertEquals("libtorrent failed" + logs(), 0, lt.exitValue());
            assertEveryFile(target.resolve(content.getFileName()));
        }
    }

    @Test
    public void ourLeechAndLibtorrentsSeedFindEachOther() throws Exception {
        try (NetnsLan lan = NetnsLan.create("fleet-ltl", 2)) {
            libtorrent(lan.host(1), "seed", content.getParent());
            Process leech = engine(lan.host(2), "standard-leech");
            assertTrue("leech still running after 90 s" + logs(), leech.waitFor(90, TimeUnit.SECONDS));
            assertEquals("leech failed" + logs(), 0, leech.exitValue());
            assertEveryFile(stored("standard-leech"));
        }
    }
}
