package org.debswarm.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.debswarm.aptlistener.IndexEntry;
import org.debswarm.aptlistener.PackagesIndex;
import org.debswarm.aptlistener.internal.Catalog;
import org.debswarm.rfc822.internal.DefaultControlParser;

/**
 * What the apt listener's catalog costs on real indices: the time to decode and parse a Packages.xz into the
 * catalog, the heap the parsed view keeps, and look-ups per second. Run with bench/aptlistener.sh.
 *
 * <p>Arguments: Packages.xz files (default: bookworm main amd64 and all from ../shared/data).
 */
public final class AptListenerBench {

    private static final String DATA = "../shared/data/debian/bookworm/main/";
    private static final String HOST = "deb.debian.org";

    public static void main(String[] args) throws Exception {
        List<Path> files = new ArrayList<>();
        for (String a : args.length > 0 ? args : new String[] {DATA + "binary-amd64/Packages.xz", DATA + "binary-all/Packages.xz"}) {
            files.add(Paths.get(a));
        }
        System.out.printf("jvm: %s %s, %d cpus, max heap %d MiB%n", System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            run(files, thread);
        } finally {
            thread.shutdownNow();
            thread.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static void run(List<Path> files, ExecutorService thread) throws Exception {
        for (int round = 1; round <= 3; round++) { // round 1 warms up the JIT; each round starts from an empty catalog
            long before = usedHeap();
            Catalog catalog = new Catalog(DefaultControlParser::new, thread);
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                String index = "debian/dists/bookworm/main/" + file.getParent().getFileName() + "/Packages.xz";
                long start = System.nanoTime();
                catalog.ensureParsed(HOST, index, file, sha256(file)).get(120, TimeUnit.SECONDS);
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                System.out.printf("round %d: %s (%,d bytes xz): %,d entries catalogued in %,d ms%n", round, file,
                        Files.size(file), entries(catalog, index), millis);
            }
            long retained = usedHeap() - before;
            System.out.printf("round %d: catalog of %,d entries retains about %,d MiB (%,d bytes per entry)%n", round,
                    total(catalog), retained >> 20, retained / Math.max(1, total(catalog)));
            lookups(catalog);
        }
    }

    private static void lookups(Catalog catalog) {
        List<String> paths = new ArrayList<>();
        for (PackagesIndex index : catalog.indexes()) {
            for (IndexEntry e : index.entries()) {
                paths.add(e.key().path());
            }
        }
        Random random = new Random(1);
        int n = 2_000_000;
        long found = 0;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String path = (i & 1) == 0 ? paths.get(random.nextInt(paths.size())) : "debian/pool/main/x/none/" + i + ".deb";
            found += catalog.entryFor(HOST, path).isPresent() ? 1 : 0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("look-ups: %,d in %.2f s = %,.0f per second (%,d hits, half of them misses)%n", n, seconds,
                n / seconds, found);
    }

    private static int entries(Catalog catalog, String index) {
        return catalog.indexes().stream().filter(i -> i.path().equals(index)).mapToInt(i -> i.entries().size()).sum();
    }

    private static int total(Catalog catalog) {
        return catalog.indexes().stream().mapToInt(i -> i.entries().size()).sum();
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
