package org.debswarm.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

import org.debswarm.rfc822.PackageEntry;
import org.debswarm.rfc822.PackageReader;
import org.debswarm.rfc822.internal.DefaultControlParser;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.PackagesTorrentBuilder;
import org.debswarm.torrent.PackagesTorrents;
import org.debswarm.torrent.TorrentFactory;
import org.debswarm.torrent.internal.DefaultTorrentFactory;
import org.tukaani.xz.XZInputStream;

/**
 * Time and heap to build the two torrents (architecture and {@code all}) of a real Packages file: the whole path
 * from the {@code Packages.xz} file (xz decoding, rfc822 parsing, derivation), from the text already decompressed,
 * and the derivation alone from entries parsed beforehand. Heap is measured as the retained size (heap used after
 * full GCs, with and without the torrents held) and estimated from the arrays; allocation from the JVM's
 * per-thread counter. Run with bench/torrent.sh.
 *
 * <p>Arguments: [path to Packages.xz] [measured rounds] [{@code xz-only}: only the path from the file, which never
 * holds the decompressed text, so it can run in a small heap such as {@code -Xmx40m}].
 */
public final class TorrentBench {

    private static final String DEFAULT_PATH = "../shared/data/debian/bookworm/main/binary-amd64/Packages.xz";
    private static final String MIRROR = "deb.debian.org";
    private static final String INDEX = "debian/dists/bookworm/main/binary-amd64/Packages.xz";
    private static final int WARMUP_ROUNDS = 8;

    private final TorrentFactory factory = new DefaultTorrentFactory(new DefaultControlParser());

    /** Entries parsed once, to time the derivation without the parser. */
    private String[] paths;
    private long[] sizes;
    private String[] hashes;
    private boolean[] all;

    public static void main(String[] args) throws Exception {
        Path xz = Paths.get(args.length > 0 && !args[0].isEmpty() ? args[0] : DEFAULT_PATH);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        System.out.printf("jvm: %s %s, %d cpus, max heap %d MiB%n", System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        TorrentBench bench = new TorrentBench();
        bench.fromXzFile(xz, rounds);
        if (args.length > 2 && args[2].equals("xz-only")) {
            return;
        }
        byte[] text;
        try (InputStream in = new XZInputStream(Files.newInputStream(xz))) {
            text = in.readAllBytes();
        }
        System.out.printf("file: %s (%,d bytes text)%n", xz, text.length);
        bench.run(text, rounds);
    }

    /** The whole path a node takes: Packages.xz streamed from disk, decoded, parsed and derived. */
    private void fromXzFile(Path xz, int rounds) throws Exception {
        System.out.printf("file: %s (%,d bytes xz)%n", xz, Files.size(xz));
        measure("fromPackages from Packages.xz (xz + parse + derive)", rounds, () -> fromXz(xz));
        long allocated = allocatedBy(() -> fromXz(xz));
        if (allocated >= 0) {
            System.out.printf("allocated per build from Packages.xz (transient, garbage included): %.1f MB%n",
                    allocated / 1e6);
        }
        retained(() -> fromXz(xz));
    }

    private PackagesTorrents fromXz(Path xz) throws IOException {
        try (InputStream in = new XZInputStream(new BufferedInputStream(Files.newInputStream(xz), 64 * 1024))) {
            return factory.fromPackages(MIRROR, INDEX, in);
        }
    }

    private void run(byte[] text, int rounds) throws Exception {
        parseEntries(text);
        PackagesTorrents t = fromPackages(text);
        System.out.printf("entries: %,d; %s%n", paths.length, t);
        measure("fromPackages from text (rfc822 parse + derive)", rounds, () -> fromPackages(text));
        measure("derive only (builder from parsed entries)", rounds, this::deriveOnly);
        measure("parse only (rfc822 PackageReader, reference)", rounds, () -> {
            parseEntries(text);
            return null;
        });
        allocation(text);
        retained(() -> fromPackages(text));
    }

    private PackagesTorrents fromPackages(byte[] text) throws IOException {
        return factory.fromPackages(MIRROR, INDEX, new ByteArrayInputStream(text));
    }

    private PackagesTorrents deriveOnly() {
        PackagesTorrentBuilder builder = factory.packagesBuilder(MIRROR, INDEX);
        for (int i = 0; i < paths.length; i++) {
            builder.add(paths[i], sizes[i], hashes[i], all[i]);
        }
        return builder.build();
    }

    private void parseEntries(byte[] text) throws IOException {
        int n = 0;
        String[] p = new String[70_000];
        long[] s = new long[p.length];
        String[] h = new String[p.length];
        boolean[] a = new boolean[p.length];
        try (PackageReader reader = new DefaultControlParser().packages(new ByteArrayInputStream(text))) {
            for (PackageEntry e = reader.next(); e != null; e = reader.next(), n++) {
                if (n == p.length) {
                    p = Arrays.copyOf(p, n * 2);
                    s = Arrays.copyOf(s, n * 2);
                    h = Arrays.copyOf(h, n * 2);
                    a = Arrays.copyOf(a, n * 2);
                }
                p[n] = e.filename();
                s[n] = e.size();
                h[n] = e.sha256();
                a[n] = "all".equals(e.architecture());
            }
        }
        paths = Arrays.copyOf(p, n);
        sizes = Arrays.copyOf(s, n);
        hashes = Arrays.copyOf(h, n);
        all = Arrays.copyOf(a, n);
    }

    private interface Round {
        Object run() throws Exception;
    }

    private static void measure(String name, int rounds, Round round) throws Exception {
        for (int i = 0; i < WARMUP_ROUNDS; i++) {
            round.run();
        }
        double[] ms = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            round.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%-52s: median %7.1f ms, best %7.1f ms, worst %7.1f ms (%d rounds after %d warm-up)%n",
                name, ms[rounds / 2], ms[0], ms[rounds - 1], rounds, WARMUP_ROUNDS);
    }

    /** Bytes allocated (garbage included) by one fromPackages from text and one derivation. */
    private void allocation(byte[] text) throws Exception {
        long fromPackages = allocatedBy(() -> fromPackages(text));
        long derive = allocatedBy(this::deriveOnly);
        if (fromPackages >= 0) {
            System.out.printf("allocated per build (transient, garbage included): fromPackages from text %.1f MB,"
                    + " derive only %.1f MB%n", fromPackages / 1e6, derive / 1e6);
        }
    }

    /** Bytes this thread allocated in one round, from the JVM's per-thread counter; -1 where there is none. */
    private static long allocatedBy(Round round) throws Exception {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean counter)) {
            return -1;
        }
        long id = Thread.currentThread().getId();
        long before = counter.getThreadAllocatedBytes(id);
        round.run();
        return counter.getThreadAllocatedBytes(id) - before;
    }

    private static void retained(Round build) throws Exception {
        long base = usedAfterGc();
        PackagesTorrents held = (PackagesTorrents) build.run();
        long retained = usedAfterGc() - base;
        long estimate = footprint(held.architecture()) + footprint(held.all());
        System.out.printf("heap retained by both torrents: %.2f MB measured (GC + MemoryMXBean),"
                + " %.2f MB estimated from the arrays (%d + %d pieces)%n", retained / 1e6, estimate / 1e6,
                held.architecture().pieceCount(), held.all().pieceCount());
        Reference.reachabilityFence(held);
    }

    /** Paths in one byte[] with int offsets, long lengths, 32-byte hashes, two piece bitsets; array headers. */
    private static long footprint(PackagesTorrent t) {
        int n = t.pieceCount();
        long pathBytes = 0;
        for (int i = 0; i < n; i++) {
            pathBytes += t.path(i).getBytes(StandardCharsets.UTF_8).length;
        }
        return pathBytes + 4L * (n + 1) + 8L * n + 32L * n + 2 * 8L * ((n + 63) / 64) + 6 * 16;
    }

    private static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
