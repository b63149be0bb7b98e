package org.debswarm.peerwire.internal;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.debswarm.peerwire.TorrentSession;
import org.debswarm.peerwire.internal.fleet.FleetKey;
import org.debswarm.peerwire.internal.swarm.SwarmOptions;
import org.debswarm.rfc822.internal.DefaultControlParser;
import org.debswarm.storage.BeginResult;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.storage.internal.StoreOptions;
import org.debswarm.torrent.MetaInfo;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.SourceIndex;
import org.debswarm.torrent.internal.DefaultPackagesTorrentBuilder;
import org.debswarm.torrent.internal.DefaultTorrentFactory;
import org.h2.jdbcx.JdbcDataSource;

/**
 * One node of {@link org.debswarm.peerwire.internal.discovery.LsdMulticastTest}, run in a network namespace of its own: a real engine with Local
 * Service Discovery on {@code eth0} and a fleet key, no tracker and no peer given. A seed stores the test
 * files and serves until killed; a leech wants every file, prints {@code DONE} and its discovery counts when
 * it has them all, and exits 0 (1 after 60 s). Arguments: {@code seed|leech <home> <bind address>}.
 * With {@code standard-seed|standard-leech <home> <bind address> <.torrent> [<content folder>]} it runs a
 * standard torrent instead, without fleet key, to meet an ordinary client's Local Peer Discovery.
 */
public final class LsdNode {

    static final String HOST = "deb.debian.org";
    static final String ROOT = "debian/";
    static final int[] SIZES = {70_000, 130_000, 20_000};

    private LsdNode() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].startsWith("standard-")) {
            standard(args);
            return;
        }
        boolean seed = args[0].equals("seed");
        Path home = Path.of(args[1]);
        Files.createDirectories(home);
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + home.toAbsolutePath().resolve("db").resolve("storage"));
        byte[][] files = files();
        PackagesTorrent torrent = torrent(files);
        FleetOptions fleet = FleetOptions.NONE.withLsd("eth0")
                .withKey(FleetKey.of("the LSD test's fleet key".getBytes(StandardCharsets.US_ASCII), "test"));
        EngineOptions options = new EngineOptions(new InetSocketAddress(args[2], 0), 50, 0, 0, Duration.ofSeconds(5),
                Duration.ofMillis(500), SwarmOptions.DEFAULTS, fleet);
        FileSystemPieceStore store = new FileSystemPieceStore(home, ds, StoreOptions.DEFAULTS);
        try (PeerEngine engine = new PeerEngine(options, store)) {
            if (engine.discoveryCounts().isEmpty()) {
                System.out.println("NO-LSD");
                System.exit(2);
            }
            if (seed) {
                store(store, torrent, files);
            }
            long started = System.nanoTime();
            TorrentSession session = engine.start(torrent, HOST, ROOT);
            System.out.println("STARTED " + engine.port());
            if (seed) {
                Thread.sleep(TimeUnit.MINUTES.toMillis(5)); // serves until the test stops it
                return;
            }
            for (int i = 0; i < files.length; i++) {
                session.want(torrent.indexOf(path(i))).get(60, TimeUnit.SECONDS);
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            System.out.println("DONE peers " + session.snapshot().peers().size() + " seen "
                    + engine.peersSeenByDiscovery(torrent.infoHash()).orElseThrow() + " lsd "
                    + engine.discoveryCounts().get() + " after " + ms + " ms");
        } finally {
            store.close();
        }
        System.exit(0);
    }

    private static void standard(String[] args) throws Exception {
        boolean seed = args[0].equals("standard-seed");
        Path home = Path.of(args[1]);
        Files.createDirectories(home);
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + home.toAbsolutePath().resolve("db").resolve("storage"));
        MetaInfo meta = new DefaultTorrentFactory(new DefaultControlParser()).readTorrentFile(
                Files.readAllBytes(Path.of(args[3])));
        EngineOptions options = new EngineOptions(new InetSocketAddress(args[2], 0), 50, 0, 0, Duration.ofSeconds(5),
                Duration.ofMillis(500), SwarmOptions.DEFAULTS, FleetOptions.NONE.withLsd("eth0"));
        FileSystemPieceStore store = new FileSystemPieceStore(home, ds, StoreOptions.DEFAULTS);
        try (PeerEngine engine = new PeerEngine(options, store)) {
            if (seed) {
                try (var s = store.openSpanning(meta.infoHash().toHex(), SpanningPieces.spans(meta),
                        meta.pieceLength())) {
                    for (var f : meta.files()) {
                        s.writeAt(f.offset(), ByteBuffer.wrap(Files.readAllBytes(Path.of(args[4],
                                String.join("/", f.path())))));
                    }
                }
            }
            TorrentSession session = engine.start(meta);
            System.out.println("STARTED " + engine.port());
            if (seed) {
                Thread.sleep(TimeUnit.MINUTES.toMillis(5)); // serves until the test stops it
                return;
            }
            for (int p = 0; p < meta.pieceCount(); p++) {
                session.want(p).get(60, TimeUnit.SECONDS);
            }
            System.out.println("DONE lsd " + engine.discoveryCounts().orElseThrow());
        } finally {
            store.close();
        }
        System.exit(0);
    }

    static String path(int i) {
        return "pool/main/p/pkg" + i + "/pkg" + i + "_1.0_amd64.deb";
    }

    static byte[][] files() {
        Random random = new Random(42);
        byte[][] files = new byte[SIZES.length][];
        for (int i = 0; i < SIZES.length; i++) {
            files[i] = new byte[SIZES[i]];
            random.nextBytes(files[i]);
        }
        return files;
    }

    static PackagesTorrent torrent(byte[][] files) throws Exception {
        DefaultPackagesTorrentBuilder builder = new DefaultPackagesTorrentBuilder(new SourceIndex(HOST,
                "debian/dists/bookworm/main/binary-amd64/Packages"));
        for (int i = 0; i < files.length; i++) {
            builder.add(path(i), files[i].length, sha256(files[i]), false);
        }
        return builder.build().architecture();
    }

    private static void store(FileSystemPieceStore store, PackagesTorrent torrent, byte[][] files) throws Exception {
        for (int i = 0; i < files.length; i++) {
            BeginResult begin = store.begin(new FileKey(HOST, ROOT + path(i), files[i].length, sha256(files[i])));
            begin.write().orElseThrow().writeAt(0, ByteBuffer.wrap(files[i]));
            begin.completion().get(30, TimeUnit.SECONDS);
            torrent.had().set(torrent.indexOf(path(i)));
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
