package org.debswarm.peerwire.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.debswarm.peerwire.internal.swarm.SwarmOptions;
import org.debswarm.storage.BeginResult;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileWrite;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.storage.internal.StoreOptions;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.SourceIndex;
import org.debswarm.torrent.internal.DefaultPackagesTorrentBuilder;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;

/**
 * Real engines on loopback, each with its own real store (files and an H2 database) in a temporary folder,
 * and a Packages torrent over files of random bytes. Every wait has a deadline.
 */
public abstract class EngineTestSupport {

    protected static final String HOST = "deb.debian.org";
    protected static final String ROOT = "debian/";
    protected static final SourceIndex SOURCE = new SourceIndex(HOST, "debian/dists/bookworm/main/binary-amd64/Packages");
    protected static final long WAIT_SECONDS = 10;

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final List<AutoCloseable> opened = new ArrayList<>();
    protected final List<byte[]> contents = new ArrayList<>();
    protected final List<String> paths = new ArrayList<>();

    private Set<Thread> threadsBefore;

    @Before
    public void countThreads() {
        threadsBefore = peerwireThreads();
    }

    /** Closes engines before their stores, then checks that no engine thread was left behind. */
    @After
    public void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        org.junit.Assert.assertEquals("engine threads left running", Set.of(), leftRunning(threadsBefore));
    }

    protected void closeLater(AutoCloseable closeable) {
        opened.add(closeable);
    }

    /** Files of random bytes: sizes in bytes; file 0 is named so that it sorts first. */
    protected void files(int... sizes) {
        Random random = new Random(42);
        for (int i = 0; i < sizes.length; i++) {
            byte[] bytes = new byte[sizes[i]];
            random.nextBytes(bytes);
            contents.add(bytes);
            paths.add("pool/main/p/pkg" + i + "/pkg" + i + "_1.0_amd64.deb");
        }
    }

    /** A fresh instance of the torrent over {@link #files}: each node has its own wanted and had state. */
    protected PackagesTorrent torrent() {
        DefaultPackagesTorrentBuilder builder = new DefaultPackagesTorrentBuilder(SOURCE);
        for (int i = 0; i < contents.size(); i++) {
            builder.add(paths.get(i), contents.get(i).length, sha256(contents.get(i)), false);
        }
        return builder.build().architecture();
    }

    protected FileSystemPieceStore store(String name) throws IOException {
        Path home = folder.newFolder(name).toPath();
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + home.toAbsolutePath().resolve("db").resolve("storage"));
        FileSystemPieceStore store = new FileSystemPieceStore(home, ds, StoreOptions.DEFAULTS);
        opened.add(store::close);
        return store;
    }

    protected PeerEngine engine(FileSystemPieceStore store, SwarmOptions swarm) throws IOException {
        return engine(store, swarm, 0);
    }

    /** An engine listening on {@code port} of loopback (0: any free one). */
    protected PeerEngine engine(FileSystemPieceStore store, SwarmOptions swarm, int port) throws IOException {
        EngineOptions options = new EngineOptions(new InetSocketAddress("127.0.0.1", port), 50, 0, 0,
                Duration.ofSeconds(5), Duration.ofMillis(500), swarm);
        PeerEngine engine = new PeerEngine(options, store);
        opened.add(engine);
        return engine;
    }

    /** An engine with fleet settings (a key, discovery) on loopback. */
    protected PeerEngine engine(FileSystemPieceStore store, FleetOptions fleet) throws IOException {
        EngineOptions options = new EngineOptions(new InetSocketAddress("127.0.0.1", 0), 50, 0, 0,
                Duration.ofSeconds(5), Duration.ofMillis(500), SwarmOptions.DEFAULTS, fleet);
        PeerEngine engine = new PeerEngine(options, store);
        opened.add(engine);
        return engine;
    }

    protected PeerEngine engine(FileSystemPieceStore store) throws IOException {
        return engine(store, SwarmOptions.DEFAULTS);
    }

    /** Stores every file of the torrent and marks it had, as a node that fetched them earlier would. */
    protected void seed(FileSystemPieceStore store, PackagesTorrent torrent) throws Exception {
        for (int i = 0; i < contents.size(); i++) {
            int piece = torrent.indexOf(paths.get(i));
            FileKey key = new FileKey(HOST, ROOT + paths.get(i), contents.get(i).length, sha256(contents.get(i)));
            BeginResult begin = store.begin(key);
            FileWrite write = begin.write().orElseThrow();
            write.writeAt(0, ByteBuffer.wrap(contents.get(i)));
            await(begin.completion());
            torrent.had().set(piece);
        }
    }

    protected byte[] stored(FileSystemPieceStore store, int file) throws IOException {
        return Files.readAllBytes(store.lookup(HOST, ROOT + paths.get(file)).orElseThrow().file());
    }

    protected static InetSocketAddress at(PeerEngine engine) {
        return new InetSocketAddress("127.0.0.1", engine.port());
    }

    protected static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    protected static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /**
     * Waits for a condition that has no event of its own (a snapshot counter), checking it after short sleeps
     * up to a deadline. Test code only: the engine itself never polls.
     */
    protected static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + WAIT_SECONDS + " s: " + what);
            }
            Thread.sleep(20);
        }
    }

    /** The engine threads (named {@code debswarm-peerwire-*}) alive now. */
    protected static Set<Thread> peerwireThreads() {
        Set<Thread> alive = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("debswarm-peerwire")) {
                alive.add(t);
            }
        }
        return alive;
    }

    /** The engine threads alive now that were not in {@code before}. */
    protected static Set<Thread> startedSince(Set<Thread> before) {
        Set<Thread> started = peerwireThreads();
        started.removeAll(before);
        return started;
    }

    /**
     * The engine threads started since {@code before} that are still alive after a join of at most 5 s each. A
     * closed engine's executors have terminated when close returns, but a pool's worker thread ends a moment
     * after its executor reports that: counting at once sometimes saw it.
     */
    protected static Set<Thread> leftRunning(Set<Thread> before) throws InterruptedException {
        Set<Thread> left = new HashSet<>();
        for (Thread t : startedSince(before)) {
            t.join(5_000);
            if (t.isAlive()) {
                left.add(t);
            }
        }
        return left;
    }
}
