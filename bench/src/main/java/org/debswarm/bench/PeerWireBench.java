package org.debswarm.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.debswarm.peerwire.internal.EngineOptions;
import org.debswarm.peerwire.internal.PeerEngine;
import org.debswarm.storage.BeginResult;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileWrite;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.storage.internal.StoreOptions;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.SourceIndex;
import org.debswarm.torrent.internal.DefaultPackagesTorrentBuilder;
import org.debswarm.tracker.internal.AnnounceServlet;
import org.debswarm.tracker.internal.TrackerComponent;
import org.debswarm.tracker.internal.TrackerConfiguration;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.util.OsgiDataSourceFactory;
import org.osgi.framework.BundleContext;

/**
 * One node downloading a whole Packages torrent from one other node on loopback: two real {@link PeerEngine}s,
 * each on its own {@link FileSystemPieceStore} (files and H2), then the same bytes between two aria2c processes
 * (a {@code mktorrent} file, Debswarm's own tracker on Jetty to introduce them), and SHA-256 alone as the
 * ceiling: every Packages piece is hashed once by the leecher's store.
 *
 * <p>Usage: {@code PeerWireBench [total MiB=1024] [files=64]}; run through {@code bench/peerwire.sh}.
 */
public final class PeerWireBench {

    static final String HOST = "deb.debian.org";
    static final String ROOT = "debian/";

    private PeerWireBench() {
    }

    public static void main(String[] args) throws Exception {
        long totalMiB = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        long fileLength = totalMiB * 1024 * 1024 / count;
        long total = fileLength * count;
        System.out.printf(Locale.ROOT, "PeerWireBench: %d files of %d bytes (%d MiB), cores %d, load %s%n", count,
                fileLength, total >> 20, Runtime.getRuntime().availableProcessors(), load());
        Path work = Files.createTempDirectory("peerwirebench");
        try {
            Path files = Files.createDirectories(work.resolve("files/content"));
            List<String> hashes = generate(files, count, fileLength);
            double sha = sha256Ceiling(Math.min(total, 256L << 20));
            System.out.printf(Locale.ROOT, "SHA-256 alone (one thread, in memory): %.0f MB/s%n", sha);
            // the same transfer once first, unmeasured: the JIT compiles the engine's paths meanwhile (a node runs
            // for days; a first transfer in a fresh JVM measures the compiler as much as the engine)
            debswarm(work.resolve("warm-up"), files, hashes, fileLength, total, "warm-up");
            deleteTree(work.resolve("warm-up"));
            double debswarm = debswarm(work, files, hashes, fileLength, total, "debswarm");
            double aria2 = onPath("aria2c") && onPath("mktorrent") ? aria2(work, total) : 0;
            if (aria2 > 0) {
                System.out.printf(Locale.ROOT, "ratio debswarm/aria2: %.2f%n", debswarm / aria2);
            } else {
                System.out.println("aria2c or mktorrent not installed: no ratio");
            }
            System.out.printf(Locale.ROOT, "target >= 500 MB/s: %s; load after %s%n",
                    debswarm >= 500 ? "met" : "NOT met", load());
        } finally {
            deleteTree(work);
        }
    }

    private static List<String> generate(Path dir, int count, long length) throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        List<String> hashes = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        for (int i = 0; i < count; i++) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (FileChannel out = FileChannel.open(dir.resolve(name(i)), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                for (long done = 0; done < length; ) {
                    int n = (int) Math.min(buffer.capacity(), length - done);
                    buffer.clear().limit(n);
                    while (buffer.remaining() >= 8) {
                        buffer.putLong(random.nextLong());
                    }
                    while (buffer.hasRemaining()) {
                        buffer.put((byte) random.nextInt());
                    }
                    sha.update(buffer.array(), 0, n);
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                    done += n;
                }
            }
            hashes.add(HexFormat.of().formatHex(sha.digest()));
        }
        return hashes;
    }

    static String name(int i) {
        return String.format(Locale.ROOT, "pkg%04d_1.0_amd64.deb", i);
    }

    static String path(int i) {
        return "pool/main/p/pkg" + i + "/" + name(i);
    }

    private static double sha256Ceiling(long bytes) throws Exception {
        byte[] block = new byte[1 << 20];
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < 64; i++) {
            sha.update(block); // warm-up
        }
        long start = System.nanoTime();
        for (long done = 0; done < bytes; done += block.length) {
            sha.update(block);
        }
        sha.digest();
        return bytes / ((System.nanoTime() - start) / 1e9) / 1e6;
    }

    private static PackagesTorrent torrent(List<String> hashes, long length) {
        DefaultPackagesTorrentBuilder builder = new DefaultPackagesTorrentBuilder(
                new SourceIndex(HOST, "debian/dists/bookworm/main/binary-amd64/Packages"));
        for (int i = 0; i < hashes.size(); i++) {
            builder.add(path(i), length, hashes.get(i), false);
        }
        return builder.build().architecture();
    }

    private static FileSystemPieceStore store(Path home) throws IOException {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + home.toAbsolutePath().resolve("db").resolve("storage"));
        return new FileSystemPieceStore(Files.createDirectories(home), ds, StoreOptions.DEFAULTS);
    }

    private static double debswarm(Path work, Path files, List<String> hashes, long length, long total,
            String label) throws Exception {
        PackagesTorrent seedTorrent = torrent(hashes, length);
        PackagesTorrent leechTorrent = torrent(hashes, length);
        FileSystemPieceStore seedStore = store(work.resolve("seed"));
        FileSystemPieceStore leechStore = store(work.resolve("leech"));
        try {
            long t0 = System.nanoTime();
            ByteBuffer buffer = ByteBuffer.allocateDirect(4 << 20);
            for (int i = 0; i < hashes.size(); i++) {
                BeginResult begin = seedStore.begin(new FileKey(HOST, ROOT + path(i), length, hashes.get(i)));
                FileWrite write = begin.write().orElseThrow();
                try (FileChannel in = FileChannel.open(files.resolve(name(i)))) {
                    long at = 0;
                    for (int n; (n = in.read(buffer.clear())) > 0; at += n) {
                        write.writeAt(at, buffer.flip());
                    }
                }
                begin.completion().get(60, TimeUnit.SECONDS);
                seedTorrent.had().set(seedTorrent.indexOf(path(i)));
            }
            System.out.printf(Locale.ROOT, "seeder store filled (write + verify) in %.1f s%n",
                    (System.nanoTime() - t0) / 1e9);
            try (PeerEngine seed = new PeerEngine(EngineOptions.loopback(0), seedStore);
                    PeerEngine leech = new PeerEngine(EngineOptions.loopback(0), leechStore)) {
                seed.start(seedTorrent, HOST, ROOT);
                org.debswarm.peerwire.TorrentSession session = leech.start(leechTorrent, HOST, ROOT);
                long start = System.nanoTime();
                long cpuStart = processCpuNanos();
                List<CompletableFuture<Void>> all = new ArrayList<>();
                for (int piece = 0; piece < hashes.size(); piece++) {
                    all.add(session.want(piece));
                }
                session.addPeers(List.of(new InetSocketAddress("127.0.0.1", seed.port())));
                CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
                if (leechTorrent.had().cardinality() != hashes.size()) {
                    throw new IllegalStateException("leecher has " + leechTorrent.had().cardinality() + " pieces");
                }
                double rate = total / seconds / 1e6;
                System.out.printf(Locale.ROOT, "%s: %d bytes in %.2f s = %.0f MB/s (every piece verified,"
                        + " SHA-256)%n", label, total, seconds, rate);
                System.out.printf(Locale.ROOT, "%s CPU: %.2f s of both engines' process for the transfer ="
                        + " %.2f CPU-s per GB, a ceiling of %.0f MB/s on %d idle cores%n", label, cpuSeconds,
                        cpuSeconds / (total / 1e9), total / 1e6 / cpuSeconds * Runtime.getRuntime().availableProcessors(),
                        Runtime.getRuntime().availableProcessors());
                return rate;
            }
        } finally {
            seedStore.close();
            leechStore.close();
        }
    }

    /** CPU time of this process (all threads, user and system), to compare runs on a busy machine. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double aria2(Path work, long total) throws Exception {
        TrackerComponent tracker = new TrackerComponent(configuration(), context(work.resolve("tracker")),
                new OsgiDataSourceFactory(new org.h2.Driver()));
        tracker.whenReady().get(30, TimeUnit.SECONDS);
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new AnnounceServlet(tracker)), "/announce");
        server.setHandler(context);
        server.start();
        Process seeder = null;
        try {
            String announce = "http://127.0.0.1:" + connector.getLocalPort() + "/announce";
            Path torrent = work.resolve("bench.torrent");
            run(new ProcessBuilder("mktorrent", "-l", "20", "-a", announce, "-o", torrent.toString(),
                    work.resolve("files/content").toString()));
            Path leechDir = Files.createDirectories(work.resolve("aria2-leech"));
            seeder = aria2c(work.resolve("files"), freePort(), torrent, "--seed-ratio=0.0",
                    "--bt-seed-unverified=true", "--seed-time=60").redirectOutput(work.resolve("seed.log").toFile())
                    .start();
            Thread.sleep(3000); // the seeder announces before the leecher asks
            long start = System.nanoTime();
            Process leecher = aria2c(leechDir, freePort(), torrent, "--seed-time=0")
                    .redirectOutput(work.resolve("leech.log").toFile()).start();
            if (!leecher.waitFor(30, TimeUnit.MINUTES) || leecher.exitValue() != 0) {
                leecher.destroyForcibly();
                throw new IOException("aria2c leecher failed: " + Files.readString(work.resolve("leech.log")));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = total / seconds / 1e6;
            System.out.printf(Locale.ROOT, "aria2c -> aria2c: %d bytes in %.2f s = %.0f MB/s (process start, announce"
                    + " and SHA-1 checks included)%n", total, seconds, rate);
            return rate;
        } finally {
            if (seeder != null) {
                seeder.destroy();
                seeder.waitFor(10, TimeUnit.SECONDS);
            }
            server.stop();
            var deactivate = TrackerComponent.class.getDeclaredMethod("deactivate");
            deactivate.setAccessible(true);
            deactivate.invoke(tracker);
        }
    }

    private static ProcessBuilder aria2c(Path dir, int port, Path torrent, String... extra) {
        List<String> command = new ArrayList<>(List.of("aria2c", "--enable-dht=false", "--enable-dht6=false",
                "--bt-enable-lpd=false", "--enable-peer-exchange=false", "--listen-port=" + port, "--dir=" + dir,
                "--file-allocation=none", "--console-log-level=warn", "--summary-interval=0",
                "--bt-require-crypto=false", "--max-connection-per-server=1", "--bt-tracker-interval=5"));
        command.addAll(List.of(extra));
        command.add(torrent.toString());
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    private static void run(ProcessBuilder builder) throws Exception {
        Process p = builder.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(builder.command() + " failed: " + out);
        }
    }

    private static String load() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).trim();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static TrackerConfiguration configuration() {
        Map<String, Object> values = new HashMap<>();
        return (TrackerConfiguration) Proxy.newProxyInstance(PeerWireBench.class.getClassLoader(),
                new Class<?>[] {TrackerConfiguration.class},
                (proxy, method, args) -> values.getOrDefault(method.getName(), method.getDefaultValue()));
    }

    private static BundleContext context(Path home) {
        return (BundleContext) Proxy.newProxyInstance(PeerWireBench.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty") && "debswarm.home".equals(args[0])) {
                        return home.toString();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
