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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.debswarm.peerwire.TorrentSession;
import org.debswarm.rfc822.internal.DefaultControlParser;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.torrent.MetaInfo;
import org.debswarm.torrent.internal.DefaultTorrentFactory;
import org.junit.Test;

/**
 * The engine against an ordinary BitTorrent client, aria2 (plain BEP 3 + BEP 10, no tracker, no DHT): a
 * standard torrent downloaded from aria2, and seeded to it. Skipped where {@code aria2c} is not installed.
 */
public class Aria2InteropTest extends EngineTestSupport {

    private static final Path ARIA2 = Path.of("/usr/bin/aria2c");

    private Path content;
    private MetaInfo meta;
    private Path torrentFile;

    private void torrentOfRandomFiles() throws IOException {
        assumeTrue("aria2c is not installed", Files.isExecutable(ARIA2));
        content = folder.newFolder("content").toPath();
        Random random = new Random(11);
        for (int i = 0; i < 3; i++) {
            byte[] bytes = new byte[150_000 * (i + 1) + i];
            random.nextBytes(bytes);
            Files.write(content.resolve("file" + i), bytes);
        }
        DefaultTorrentFactory factory = new DefaultTorrentFactory(new DefaultControlParser());
        byte[] torrent = factory.createTorrentFile(content, List.of(), 64 * 1024);
        meta = factory.readTorrentFile(torrent);
        torrentFile = folder.getRoot().toPath().resolve("t.torrent");
        Files.write(torrentFile, torrent);
    }

    private Process aria2(Path dir, int port, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(ARIA2.toString(), "--enable-dht=false",
                "--enable-dht6=false", "--bt-enable-lpd=false", "--enable-peer-exchange=false",
                "--listen-port=" + port, "--dir=" + dir, "--file-allocation=none", "--console-log-level=warn",
                "--summary-interval=0", "--bt-require-crypto=false", "--check-integrity=true"));
        command.addAll(List.of(extra));
        command.add(torrentFile.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.getRoot().toPath().resolve("aria2-" + port + ".log").toFile()).start();
        closeLater(() -> {
            p.destroy();
            if (!p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
            }
        });
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    public void downloadsFromAria2() throws Exception {
        torrentOfRandomFiles();
        int port = freePort();
        aria2(content.getParent(), port, "--seed-ratio=0.0", "--seed-time=10");
        FileSystemPieceStore store = store("leech");
        PeerEngine engine = engine(store);
        TorrentSession engineS = engine.start(meta);
        assertTrue(engineS.isRunning());
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int p = 0; p < meta.pieceCount(); p++) {
            all.add(engineS.want(p));
        }
        // aria2 needs a moment to check the files and listen
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        CompletableFuture<Void> done = CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
        // the peer's client name is read while it is connected: aria2 may close a connection to a new seed at once
        java.util.Set<String> clients = new java.util.TreeSet<>();
        long nextAnnounce = 0;
        while (!done.isDone() && System.nanoTime() < end) {
            if (System.nanoTime() >= nextAnnounce) {
                engineS.addPeers(List.of(new InetSocketAddress("127.0.0.1", port)));
                nextAnnounce = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            }
            engine.snapshot(meta.infoHash()).orElseThrow().peers().forEach(p -> clients.add(p.client()));
            try {
                done.get(20, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // not yet complete: look again
            }
        }
        await(done);
        engine.snapshot(meta.infoHash()).orElseThrow().peers().forEach(p -> clients.add(p.client()));
        assertTrue("the peer's client: " + clients, clients.stream().anyMatch(c -> c.startsWith("aria2")));
        for (int i = 0; i < 3; i++) {
            Path copy = folder.getRoot().toPath().resolve("leech").resolve("torrents").resolve(meta.infoHash().toHex())
                    .resolve("file" + i);
            assertArrayEquals(Files.readAllBytes(content.resolve("file" + i)), Files.readAllBytes(copy));
        }
    }

    @Test
    public void seedsToAria2() throws Exception {
        seedToAria2(org.debswarm.peerwire.internal.FleetOptions.NONE);
    }

    /**
     * A fleet node whose admin lets standard torrents talk to ordinary clients ({@code allowPlainPeers}) seeds
     * to aria2 with aria2's peer exchange on: the standard torrent's swarm is open, ut_pex offered on both sides.
     */
    @Test
    public void aFleetNodeSeedsAStandardTorrentToAria2WhenPlainPeersAreAllowed() throws Exception {
        seedToAria2(org.debswarm.peerwire.internal.FleetOptions.NONE.withPlainPeers(true).withKey(
                org.debswarm.peerwire.internal.fleet.FleetKey.of("a fleet key for the aria2 test".getBytes(), "test")),
                "--enable-peer-exchange=true");
    }

    private void seedToAria2(org.debswarm.peerwire.internal.FleetOptions fleet, String... extra) throws Exception {
        torrentOfRandomFiles();
        FileSystemPieceStore store = store("seed");
        try (var s = store.openSpanning(meta.infoHash().toHex(),
                org.debswarm.peerwire.internal.SpanningPieces.spans(meta), meta.pieceLength())) {
            for (var f : meta.files()) {
                s.writeAt(f.offset(), java.nio.ByteBuffer.wrap(Files.readAllBytes(content.resolve(String.join("/",
                        f.path())))));
            }
        }
        PeerEngine engine = engine(store, fleet);
        TorrentSession engineS = engine.start(meta);
        assertTrue(engineS.isRunning());
        Path target = folder.newFolder("aria2-leech").toPath();
        int port = freePort();
        List<String> args = new ArrayList<>(List.of("--seed-time=0"));
        args.addAll(List.of(extra));
        Process aria = aria2(target, port, args.toArray(String[]::new));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (aria.isAlive() && System.nanoTime() < end) {
            engineS.addPeers(List.of(new InetSocketAddress("127.0.0.1", port)));
            aria.waitFor(1, TimeUnit.SECONDS);
        }
        assertEquals("aria2 finished", 0, aria.waitFor(WAIT_SECONDS, TimeUnit.SECONDS) ? aria.exitValue() : -1);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(Files.readAllBytes(content.resolve("file" + i)),
                    Files.readAllBytes(target.resolve(content.getFileName()).resolve("file" + i)));
        }
        assertTrue(engine.snapshot(meta.infoHash()).orElseThrow().uploaded() >= meta.totalLength());
    }
}
