package org.debswarm.peerwire.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.debswarm.peerwire.TorrentSession;
import org.debswarm.peerwire.internal.swarm.SwarmOptions;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.torrent.PackagesTorrent;
import org.junit.Test;

/** Rate and connection limits, and the deadlines of connections that never speak. */
public class LimitsAndDeadlinesTest extends EngineTestSupport {

    private PeerEngine engine(FileSystemPieceStore store, long downloadRate, int maxPeers, Duration timeout)
            throws Exception {
        return engine(store, 0, downloadRate, maxPeers, timeout);
    }

    private PeerEngine engine(FileSystemPieceStore store, long uploadRate, long downloadRate, int maxPeers,
            Duration timeout) throws Exception {
        EngineOptions options = new EngineOptions(new InetSocketAddress("127.0.0.1", 0), 50, uploadRate,
                downloadRate, timeout, Duration.ofMillis(500), SwarmOptions.DEFAULTS.withMaxPeers(maxPeers));
        PeerEngine engine = new PeerEngine(options, store);
        closeLater(engine);
        return engine;
    }

    @Test
    public void aDownloadLimitSlowsTheTransfer() throws Exception {
        files(3 * 1024 * 1024);
        FileSystemPieceStore seedStore = store("seed");
        PackagesTorrent seedTorrent = torrent();
        PackagesTorrent leechTorrent = torrent();
        seed(seedStore, seedTorrent);
        FileSystemPieceStore leechStore = store("leech");
        PeerEngine seed = engine(seedStore);
        PeerEngine leech = engine(leechStore, 1024 * 1024, 50, Duration.ofSeconds(5));
        TorrentSession seedS = seed.start(seedTorrent, HOST, ROOT);
        TorrentSession leechS = leech.start(leechTorrent, HOST, ROOT);
        long start = System.nanoTime();
        leechS.addPeers(List.of(at(seed)));
        await(leechS.want(0));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        // 3 MiB at 1 MiB/s with a burst of one second's worth: at least about 2 s
        assertTrue("took " + millis + " ms", millis >= 1800);
        assertArrayEquals(contents.get(0), stored(leechStore, 0));
    }

    @Test
    public void anUploadLimitSlowsTheTransfer() throws Exception {
        files(3 * 1024 * 1024);
        FileSystemPieceStore seedStore = store("seed");
        PackagesTorrent seedTorrent = torrent();
        PackagesTorrent leechTorrent = torrent();
        seed(seedStore, seedTorrent);
        FileSystemPieceStore leechStore = store("leech");
        PeerEngine seed = engine(seedStore, 1024 * 1024, 0, 50, Duration.ofSeconds(5));
        PeerEngine leech = engine(leechStore);
        TorrentSession seedS = seed.start(seedTorrent, HOST, ROOT);
        TorrentSession leechS = leech.start(leechTorrent, HOST, ROOT);
        long start = System.nanoTime();
        leechS.addPeers(List.of(at(seed)));
        await(leechS.want(0));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue("took " + millis + " ms", millis >= 1800);
        assertArrayEquals(contents.get(0), stored(leechStore, 0));
    }

    @Test
    public void stoppingASessionFailsItsWaiters() throws Exception {
        files(1000);
        PackagesTorrent t = torrent();
        PeerEngine engine = engine(store("s"));
        TorrentSession engineS = engine.start(t, HOST, ROOT);
        java.util.concurrent.CompletableFuture<Void> waiting = engineS.want(0);
        assertTrue(engineS.stop());
        java.util.concurrent.ExecutionException e = org.junit.Assert.assertThrows(
                java.util.concurrent.ExecutionException.class, () -> waiting.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertTrue(e.getCause().toString(), e.getCause() instanceof IllegalStateException);
        assertEquals("peer wire session of " + t.infoHash() + " stopped", e.getCause().getMessage());
        org.junit.Assert.assertFalse(engineS.stop());
        assertTrue("a stopped session's want fails at once", engineS.want(0).isCompletedExceptionally());
        org.junit.Assert.assertThrows("out of range", IllegalArgumentException.class, () -> engineS.want(1));
        assertTrue("a stopped session's handle stays stopped", !engineS.isRunning()
                && engine.start(t, HOST, ROOT).isRunning() && !engineS.isRunning());
    }

    @Test
    public void connectionsPerTorrentAreLimited() throws Exception {
        files(1000);
        PackagesTorrent leechTorrent = torrent();
        PeerEngine leech = engine(store("leech"), 0, 1, Duration.ofSeconds(5));
        TorrentSession leechS = leech.start(leechTorrent, HOST, ROOT);
        PeerEngine[] seeds = new PeerEngine[3];
        for (int i = 0; i < seeds.length; i++) {
            FileSystemPieceStore s = store("seed" + i);
            PackagesTorrent t = torrent();
            seed(s, t);
            seeds[i] = engine(s);
            seeds[i].start(t, HOST, ROOT);
        }
        leechS.addPeers(List.of(at(seeds[0]), at(seeds[1]), at(seeds[2])));
        await(leechS.want(0));
        assertEquals(1, leech.snapshot(leechTorrent.infoHash()).orElseThrow().peers().size());
    }

    @Test
    public void aPeerThatNeverHandshakesIsDroppedAtTheDeadline() throws Exception {
        PeerEngine engine = engine(store("s"), 0, 50, Duration.ofMillis(500));
        try (Socket silent = new Socket("127.0.0.1", engine.port())) {
            silent.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            long start = System.nanoTime();
            assertEquals(-1, silent.getInputStream().read());
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(400));
        }
    }

    @Test
    public void anOutgoingConnectionThatNeverAnswersIsDroppedAtTheDeadline() throws Exception {
        files(1000);
        PackagesTorrent t = torrent();
        PeerEngine engine = engine(store("s"), 0, 50, Duration.ofMillis(500));
        TorrentSession engineS = engine.start(t, HOST, ROOT);
        try (ServerSocket mute = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            mute.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            engineS.addPeers(List.of(new InetSocketAddress("127.0.0.1", mute.getLocalPort())));
            try (Socket s = mute.accept()) {
                s.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
                InputStream in = s.getInputStream();
                assertEquals("the engine's handshake", 68, in.readNBytes(68).length);
                assertEquals("then it gives up", -1, in.read());
            }
        }
        assertTrue(engine.snapshot(t.infoHash()).orElseThrow().peers().isEmpty());
        assertEquals(0, engineS.availability(0).join().connectedPeers());
    }

    @Test
    public void theComponentOwnsItsThreads() throws Exception {
        Set<Thread> before = peerwireThreads();
        FileSystemPieceStore store = store("c");
        PeerWireComponent component = new PeerWireComponent(config(0), store);
        assertTrue(component.port() > 0);
        assertEquals(20, component.peerId().length);
        files(1000);
        assertTrue(component.start(torrent(), HOST, ROOT).isRunning());
        assertEquals(1, component.sessions().size());
        assertEquals("the I/O thread and the timer (started by the session's timer)", 2,
                startedSince(before).size());
        invokeDeactivate(component);
        assertEquals(Set.of(), leftRunning(before));
    }

    private static void invokeDeactivate(PeerWireComponent component) throws Exception {
        var m = PeerWireComponent.class.getDeclaredMethod("deactivate");
        m.setAccessible(true);
        m.invoke(component);
    }

    /** The configuration with its defaults, but any free port. */
    static PeerWireConfiguration config(int port) {
        return (PeerWireConfiguration) Proxy.newProxyInstance(PeerWireConfiguration.class.getClassLoader(),
                new Class<?>[] {PeerWireConfiguration.class}, (proxy, method, args) ->
                        method.getName().equals("port") ? port : method.getDefaultValue());
    }
}
