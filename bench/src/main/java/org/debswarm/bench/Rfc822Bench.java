package org.debswarm.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

import org.debswarm.rfc822.ControlParser;
import org.debswarm.rfc822.PackageEntry;
import org.debswarm.rfc822.PackageReader;
import org.debswarm.rfc822.Paragraph;
import org.debswarm.rfc822.ParagraphReader;
import org.debswarm.rfc822.internal.DefaultControlParser;
import org.tukaani.xz.XZInputStream;

/**
 * Throughput of the deb822 parser on a real Packages.xz: parse alone (the file decompressed into
 * memory first, warm-up rounds, then measured rounds) and decompression plus parse, each for the raw
 * paragraph reader and the typed PackageReader. Run with bench/rfc822.sh.
 *
 * <p>Arguments: [path to Packages.xz] [measured rounds]. MB means 10^6 bytes of decompressed text.
 */
public final class Rfc822Bench {

    private static final String DEFAULT_PATH = "../shared/data/debian/bookworm/main/binary-amd64/Packages.xz";
    private static final int WARMUP_ROUNDS = 8;

    private final ControlParser parser = new DefaultControlParser();

    public static void main(String[] args) throws IOException {
        Path xz = Paths.get(args.length > 0 ? args[0] : DEFAULT_PATH);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        byte[] compressed = Files.readAllBytes(xz);
        byte[] text = decompress(compressed);
        System.out.printf("file: %s (%,d bytes xz, %,d bytes text)%n", xz, compressed.length, text.length);
        System.out.printf("jvm: %s %s (%s), %d cpus, max heap %d MiB%n", System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"), System.getProperty("java.vendor"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        new Rfc822Bench().run(compressed, text, rounds);
    }

    private void run(byte[] compressed, byte[] text, int rounds) throws IOException {
        long count = countParagraphs(new ByteArrayInputStream(text));
        System.out.printf("paragraphs: %,d%n", count);
        measure("parse only, ParagraphReader", text.length, WARMUP_ROUNDS, rounds,
                () -> countParagraphs(new ByteArrayInputStream(text)), count);
        measure("parse only, PackageReader", text.length, WARMUP_ROUNDS, rounds,
                () -> countPackages(new ByteArrayInputStream(text)), count);
        measure("parse only, ParagraphReader + PackageEntry.from", text.length, WARMUP_ROUNDS, rounds,
                () -> countEntriesFromParagraphs(new ByteArrayInputStream(text)), count);
        measure("xz + parse, ParagraphReader", text.length, 1, 3,
                () -> countParagraphs(new XZInputStream(new ByteArrayInputStream(compressed))), count);
        measure("xz + parse, PackageReader", text.length, 1, 3,
                () -> countPackages(new XZInputStream(new ByteArrayInputStream(compressed))), count);
        measure("xz alone (for reference)", text.length, 1, 3,
                () -> drain(new XZInputStream(new ByteArrayInputStream(compressed))), text.length);
    }

    private interface Round {
        long run() throws IOException;
    }

    private static void measure(String name, long bytes, int warmup, int rounds, Round round, long expected)
            throws IOException {
        for (int i = 0; i < warmup; i++) {
            check(round.run(), expected);
        }
        double[] mbPerSecond = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            check(round.run(), expected);
            mbPerSecond[i] = bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(mbPerSecond);
        System.out.printf("%-48s: median %7.1f MB/s, best %7.1f MB/s, worst %7.1f MB/s (%d rounds)%n", name,
                mbPerSecond[rounds / 2], mbPerSecond[rounds - 1], mbPerSecond[0], rounds);
    }

    private static void check(long actual, long expected) {
        if (actual != expected) {
            throw new IllegalStateException("counted " + actual + ", expected " + expected);
        }
    }

    private long countParagraphs(InputStream in) throws IOException {
        long n = 0;
        long sink = 0;
        try (ParagraphReader reader = parser.paragraphs(in)) {
            for (Paragraph p = reader.next(); p != null; p = reader.next()) {
                n++;
                sink += p.size();
            }
        }
        return sink < 0 ? -1 : n;
    }

    private long countEntriesFromParagraphs(InputStream in) throws IOException {
        long n = 0;
        long sink = 0;
        try (ParagraphReader reader = parser.paragraphs(in)) {
            for (Paragraph p = reader.next(); p != null; p = reader.next()) {
                n++;
                sink += PackageEntry.from(p).size();
            }
        }
        return sink < 0 ? -1 : n;
    }

    private long countPackages(InputStream in) throws IOException {
        long n = 0;
        long sink = 0;
        try (PackageReader reader = parser.packages(in)) {
            for (PackageEntry e = reader.next(); e != null; e = reader.next()) {
                n++;
                sink += e.size();
            }
        }
        return sink < 0 ? -1 : n;
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) > 0; ) {
            total += n;
        }
        in.close();
        return total;
    }

    private static byte[] decompress(byte[] compressed) throws IOException {
        try (InputStream in = new XZInputStream(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
    }
}
