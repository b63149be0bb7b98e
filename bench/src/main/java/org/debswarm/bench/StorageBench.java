package org.debswarm.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.debswarm.storage.BeginResult;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileWrite;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.storage.internal.StoreOptions;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Throughput of the store (bundles/storage) on a real disk and a real H2 file database:
 * sequential mirror-style writes (hashed as they arrive, fsync, atomic move, record), 16 KiB blocks
 * from four threads in random order (hashed from disk at the end), small files, look-ups, links.
 * Every figure includes verification and the database.
 *
 * <p>Usage: {@code StorageBench [folder (default: a new temporary folder)]}; run through
 * {@code bench/storage.sh}.
 */
public final class StorageBench {

    private static final int MIB = 1 << 20;
    private static final String HOST = "deb.debian.org";

    private final FileSystemPieceStore store;
    private final Random random = new Random(1);
    private int serial;

    private StorageBench(FileSystemPieceStore store) {
        this.store = store;
    }

    public static void main(String[] args) throws Exception {
        Path home = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("storage-bench");
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + home.toAbsolutePath().resolve("db/storage"));
        FileSystemPieceStore store = new FileSystemPieceStore(home, ds, StoreOptions.DEFAULTS);
        try {
            System.out.println("folder " + home + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, "
                    + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
            StorageBench bench = new StorageBench(store);
            bench.sha256Baseline(256 * MIB);
            bench.sequential(4, 8 * MIB); // warm-up
            bench.sequential(16, 8 * MIB);
            bench.blocks(1, 8 * MIB, 4); // warm-up
            bench.blocks(4, 32 * MIB, 4);
            bench.smallFiles(2000, 4096);
            bench.lookups(20_000);
            bench.links(2000);
            System.out.println(store.summary());
        } finally {
            store.close();
        }
    }

    private void sha256Baseline(int bytes) throws Exception {
        byte[] chunk = content(MIB);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long start = System.nanoTime();
        for (int i = 0; i < bytes / MIB; i++) {
            sha.update(chunk);
        }
        sha.digest();
        report("SHA-256 in memory (baseline)", bytes, System.nanoTime() - start, "MiB/s");
    }

    private void sequential(int files, int size) throws Exception {
        List<byte[]> contents = contents(files, size);
        long start = System.nanoTime();
        for (byte[] bytes : contents) {
            BeginResult begin = store.begin(key(bytes));
            FileWrite write = begin.write().orElseThrow();
            for (int at = 0; at < size; at += 65_536) {
                write.writeAt(at, ByteBuffer.wrap(bytes, at, Math.min(65_536, size - at)));
            }
            begin.completion().get(60, TimeUnit.SECONDS);
        }
        report("sequential 64 KiB writes, " + files + " x " + size / MIB + " MiB", (long) files * size,
                System.nanoTime() - start, "MiB/s");
    }

    private void blocks(int files, int size, int threads) throws Exception {
        List<byte[]> contents = contents(files, size);
        ExecutorService peers = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            for (byte[] bytes : contents) {
                BeginResult begin = store.begin(key(bytes));
                FileWrite write = begin.write().orElseThrow();
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < write.blockCount(); i++) {
                    order.add(i);
                }
                Collections.shuffle(order, random);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    List<Integer> mine = order.subList(t * order.size() / threads, (t + 1) * order.size() / threads);
                    done.add(peers.submit(() -> writeBlocks(write, bytes, mine)));
                }
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
                begin.completion().get(60, TimeUnit.SECONDS);
            }
        } finally {
            peers.shutdownNow();
        }
        report("16 KiB blocks, " + threads + " threads, random order, " + files + " x " + size / MIB + " MiB",
                (long) files * size, System.nanoTime() - start, "MiB/s");
    }

    private static Void writeBlocks(FileWrite write, byte[] bytes, List<Integer> blocks) throws IOException {
        for (int block : blocks) {
            int at = block * FileWrite.BLOCK_SIZE;
            write.writeAt(at, ByteBuffer.wrap(bytes, at, Math.min(FileWrite.BLOCK_SIZE, bytes.length - at)));
        }
        return null;
    }

    private final List<FileKey> small = new ArrayList<>();

    private void smallFiles(int files, int size) throws Exception {
        List<byte[]> contents = contents(files, size);
        long start = System.nanoTime();
        for (byte[] bytes : contents) {
            FileKey key = key(bytes);
            BeginResult begin = store.begin(key);
            begin.write().orElseThrow().writeAt(0, ByteBuffer.wrap(bytes));
            begin.completion().get(60, TimeUnit.SECONDS);
            small.add(key);
        }
        report("small files stored, " + files + " x " + size + " B", files, System.nanoTime() - start, "files/s");
    }

    private void lookups(int count) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            FileKey key = small.get(random.nextInt(small.size()));
            store.lookup(key.host(), key.path()).orElseThrow();
        }
        report("lookup(host, path) of stored files", count, System.nanoTime() - start, "lookups/s");
    }

    private void links(int count) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            FileKey known = small.get(i % small.size());
            store.linkIfKnown(new FileKey("ftp.de.debian.org", known.path(), known.size(), known.sha256())).orElseThrow();
        }
        report("linkIfKnown of known content at a new path", count, System.nanoTime() - start, "links/s");
    }

    private List<byte[]> contents(int files, int size) {
        List<byte[]> contents = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            contents.add(content(size));
        }
        return contents;
    }

    private byte[] content(int size) {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }

    private FileKey key(byte[] bytes) throws Exception {
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        int n = serial++;
        return new FileKey(HOST, "debian/pool/main/b/bench/bench" + n + "_1.0_amd64.deb", bytes.length, sha);
    }

    private static void report(String what, long amount, long nanos, String unit) {
        double seconds = nanos / 1e9;
        double rate = unit.startsWith("MiB") ? amount / (double) MIB / seconds : amount / seconds;
        System.out.printf(Locale.ROOT, "%-70s %10.1f %s  (%.3f s)%n", what, rate, unit, seconds);
    }
}
