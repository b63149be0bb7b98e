package org.debswarm.peerwire.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.debswarm.peerwire.TorrentSession;
import org.debswarm.peerwire.internal.swarm.SwarmOptions;
import org.debswarm.rfc822.internal.DefaultControlParser;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.torrent.MetaInfo;
import org.debswarm.torrent.internal.DefaultTorrentFactory;
import org.junit.Test;

/**
 * The engine against libtorrent (Debian's python3-libtorrent, the engine of qBittorrent and Deluge), over
 * loopback, no tracker or DHT: a standard torrent downloaded from it, and BEP 11 as libtorrent writes it: two
 * engines that know only libtorrent learn of each other from its ut_pex and connect. Skipped where
 * {@code python3 -c "import libtorrent"} fails.
 */
public class LibtorrentInteropTest extends EngineTestSupport {

    private static final String PYTHON = "/usr/bin/python3";

    private Path content;
    private MetaInfo meta;
    private Path torrentFile;

    private static boolean libtorrent() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import libtorrent").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void torrentOfRandomFiles() throws IOException {
        assumeTrue("python3-libtorrent is not installed", Files.isExecutable(Path.of(PYTHON)) && libtorrent());
        content = folder.newFolder("content").toPath();
        Random random = new Random(17);
        for (int i = 0; i < 3; i++) {
            byte[] bytes = new byte[120_000 * (i + 1) + i];
            random.nextBytes(bytes);
            Files.write(content.resolve("file" + i), bytes);
        }
        DefaultTorrentFactory factory = new DefaultTorrentFactory(new DefaultControlParser());
        byte[] torrent = factory.createTorrentFile(content, List.of(), 32 * 1024);
        meta = factory.readTorrentFile(torrent);
        torrentFile = folder.getRoot().toPath().resolve("lt.torrent");
        Files.write(torrentFile, torrent);
    }

    private InetSocketAddress libtorrentSeed() throws Exception {
        Path script = folder.getRoot().toPath().resolve("lt_peer.py");
        try (var in = getClass().getResourceAsStream("lt_peer.py")) {
            Files.copy(in, script);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = folder.getRoot().toPath().resolve("libtorrent.log");
        Process p = new ProcessBuilder(List.of(PYTHON, script.toString(), "seed", torrentFile.toString(),
                content.getParent().toString(), "127.0.0.1", String.valueOf(port))).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        closeLater(() -> {
            p.destroy();
            if (!p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
            }
        });
        return new InetSocketAddress("127.0.0.1", port);
    }

    @Test
    public void downloadsFromLibtorrent() throws Exception {
        torrentOfRandomFiles();
        InetSocketAddress seed = libtorrentSeed();
        FileSystemPieceStore store = store("leech");
        PeerEngine engine = engine(store);
        TorrentSession session = engine.start(meta);
        List<java.util.concurrent.CompletableFuture<Void>> all = new ArrayList<>();
        for (int p = 0; p < meta.pieceCount(); p++) {
            all.add(session.want(p));
        }
        var done = java.util.concurrent.CompletableFuture.allOf(all.toArray(java.util.concurrent.CompletableFuture[]::new));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.isDone() && System.nanoTime() < end) {
            session.addPeers(List.of(seed)); // libtorrent checks its files before it listens
            try {
                done.get(1, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // not yet: dial again
            }
        }
        await(done);
        for (int i = 0; i < 3; i++) {
            Path copy = folder.getRoot().toPath().resolve("leech").resolve("torrents").resolve(meta.infoHash().toHex())
                    .resolve("file" + i);
            assertArrayEquals(Files.readAllBytes(content.resolve("file" + i)), Files.readAllBytes(copy));
        }
    }

    @Test
    public void twoEnginesLearnOfEachOtherFromLibtorrentsPeerExchange() throws Exception {
        torrentOfRandomFiles();
        InetSocketAddress seed = libtorrentSeed();
        TorrentSession e = slowLeech(store("e"));
        TorrentSession f = slowLeech(store("f"));
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < end && !(peers(e) == 2 && peers(f) == 2)) {
            if (peers(e) == 0 || peers(f) == 0) {
                e.addPeers(List.of(seed));
                f.addPeers(List.of(seed));
            }
            Thread.sleep(200);
        }
        assertEquals("e: libtorrent and f", 2, peers(e));
        assertEquals("f: libtorrent and e", 2, peers(f));
    }

    private static int peers(TorrentSession session) {
        return session.snapshot().peers().size();
    }

    // a leech limited to 4 KiB/s stays interested for minutes: a seed keeps it, and ut_pex has time to come
    private TorrentSession slowLeech(FileSystemPieceStore store) throws Exception {
        PeerEngine engine = new PeerEngine(new EngineOptions(new InetSocketAddress("127.0.0.1", 0), 50, 0, 4096,
                Duration.ofSeconds(5), Duration.ofMillis(500), SwarmOptions.DEFAULTS), store);
        closeLater(engine);
        TorrentSession session = engine.start(meta);
        for (int p = 0; p < meta.pieceCount(); p++) {
            session.want(p);
        }
        return session;
    }
}
