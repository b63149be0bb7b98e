package org.debswarm.bench;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.debswarm.peerwire.ContentSession;
import org.debswarm.peerwire.internal.EngineOptions;
import org.debswarm.peerwire.internal.PeerEngine;
import org.debswarm.peerwire.internal.swarm.SwarmOptions;
import org.debswarm.peerwire.internal.wire.ContentInventory;
import org.debswarm.storage.BeginResult;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.storage.internal.StoreOptions;
import org.debswarm.torrent.bencode.ByteString;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The content swarm's figures (issue 14): two real engines on loopback, each with a real store. Node A holds N
 * files (5,000 by default) and offers them; node B connects. Prints the inventory A sends (messages, bytes), the
 * heap B holds for A's inventory (files B has no number for, then after B numbers them all, as if its index listed
 * them), and the time from A offering a newly stored file to B finding it (median and range over rounds).
 *
 *   bench/content.sh [files=5000] [rounds=20]
 */
public final class ContentSwarmBench {

    public static void main(String[] args) throws Exception {
        int files = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path work = Files.createTempDirectory("content-bench");
        FileSystemPieceStore storeA = store(work.resolve("a"));
        FileSystemPieceStore storeB = store(work.resolve("b"));
        try (PeerEngine a = engine(storeA); PeerEngine b = engine(storeB)) {
            ContentSession contentA = a.startContent();
            ContentSession contentB = b.startContent();
            List<FileKey> keys = new ArrayList<>();
            Random random = new Random(1);
            long t = System.nanoTime();
            for (int i = 0; i < files; i++) {
                keys.add(stored(storeA, "pool/f" + i + ".deb", 512 + random.nextInt(512), random));
            }
            System.out.printf("stored %d files in A's store in %d ms%n", files, ms(t));
            contentA.offer(keys);
            inventory(files);
            long total = keys.stream().mapToLong(FileKey::size).sum();
            while (contentA.snapshot().bytesHad() < total) {
                Thread.sleep(10); // A's offers numbered: A's own catalog is not B's cost
            }

            long before = usedHeap();
            contentB.addPeers(List.of(new InetSocketAddress("127.0.0.1", a.port())));
            awaitPeers(b, contentB, 1);
            FileKey last = keys.get(keys.size() - 1);
            // B numbers nothing until asked: wait until A's inventory arrived by asking for one file, then measure
            while (available(contentB, last) == 0) {
                Thread.sleep(5);
            }
            long unknown = usedHeap() - before;
            for (FileKey k : keys) {
                available(contentB, k);
            }
            long known = usedHeap() - before;
            System.out.printf("heap of one connection to a peer holding %d files (both ends, buffers included):"
                    + " %d bytes (%.0f a file) while B has no number for them; %d bytes (%.0f a file) once B numbered"
                    + " them all (B's own catalog of them included)%n", files, unknown, unknown / (double) files, known,
                    known / (double) files);

            long[] findable = new long[rounds];
            for (int r = 0; r < rounds; r++) {
                FileKey key = stored(storeA, "pool/new" + r + ".deb", 2048, random);
                available(contentB, key); // B numbers it first: the index that lists it was read already
                long start = System.nanoTime();
                contentA.offer(List.of(key));
                while (available(contentB, key) == 0) {
                    Thread.sleep(1);
                }
                findable[r] = (System.nanoTime() - start) / 1_000_000;
            }
            Arrays.sort(findable);
            System.out.printf("stored -> findable by a connected peer: median %d ms (%d-%d ms over %d rounds)%n",
                    findable[rounds / 2], findable[0], findable[rounds - 1], rounds);
        } finally {
            storeA.close();
            storeB.close();
            try (var paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void inventory(int files) {
        List<ContentInventory.Added> records = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            records.add(new ContentInventory.Added(i, ByteString.of(new byte[32]), 1000));
        }
        List<ContentInventory> messages = ContentInventory.split(records, List.of());
        long bytes = messages.stream().mapToLong(m -> m.toMessage(4).wireLength() + 4).sum();
        System.out.printf("inventory of %d files: %d ds_content messages, %d bytes on the wire, once per connection;"
                + " then one message per batch of stored files (at most one each 100 ms)%n", files, messages.size(), bytes);
        System.out.println("announces: one infohash per tracker interval and in each LSD announce, whatever the number"
                + " of files (Packages torrents, still announced beside it: one per torrent)");
    }

    private static int available(ContentSession content, FileKey key) {
        try {
            return content.availability(key).get(5, TimeUnit.SECONDS).peersWith();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitPeers(PeerEngine engine, ContentSession content, int peers) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (content.snapshot().peers().size() < peers) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("no peer within 30 s");
            }
            Thread.sleep(10);
        }
    }

    private static FileKey stored(FileSystemPieceStore store, String path, int size, Random random) throws Exception {
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        FileKey key = new FileKey("deb.debian.org", "debian/" + path, size,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        BeginResult begin = store.begin(key);
        begin.write().orElseThrow().writeAt(0, ByteBuffer.wrap(bytes));
        begin.completion().get(30, TimeUnit.SECONDS);
        return key;
    }

    private static FileSystemPieceStore store(Path home) throws Exception {
        Files.createDirectories(home);
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + home.toAbsolutePath().resolve("db").resolve("storage"));
        return new FileSystemPieceStore(home, ds, StoreOptions.DEFAULTS);
    }

    private static PeerEngine engine(FileSystemPieceStore store) throws Exception {
        return new PeerEngine(new EngineOptions(new InetSocketAddress("127.0.0.1", 0), 50, 0, 0,
                Duration.ofSeconds(5), Duration.ofMillis(500), SwarmOptions.DEFAULTS), store);
    }

    private static long usedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
