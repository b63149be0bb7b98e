package org.debswarm.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.debswarm.aptlistener.internal.EdPatch;
import org.debswarm.rfc822.PackageEntry;
import org.debswarm.rfc822.PackageReader;
import org.debswarm.rfc822.internal.DefaultControlParser;
import org.tukaani.xz.XZInputStream;

/**
 * What following pdiffs costs the node, next to fetching and parsing the whole index. From a real Packages.xz
 * it makes a series of versions, each with a few hundred entries edited (version bumps with new Filename, Size,
 * MD5sum and SHA256; a few paragraphs removed, a few added), and real {@code diff --ed} patches between them, as
 * dak publishes them: gzipped, unmerged (each version to the next) and merged ({@code T-<newest>-F-<i>}). Then it
 * times the node's own path for each patch (what {@code PdiffFollower.applyOne} does: gunzip with the SHA-256 of
 * the patch, {@link EdPatch#parse}, {@link EdPatch#apply} from the plain file to a new file with the SHA-256 of
 * the result, the checks, and the move of the result into place), after warm-up, for one patch (one version
 * behind), the merged patch from the oldest version and the whole unmerged chain; and, for comparison, xz
 * decoding plus the rfc822 parse of the whole Packages.xz. Run with bench/pdiff.sh.
 *
 * <p>Arguments: [Packages.xz] [versions=8] [edited entries per version=300] [measured rounds=5]. MB means 10^6
 * bytes of uncompressed Packages text written. Temporary files (about versions x 50 MB) go to java.io.tmpdir
 * and are deleted at the end.
 */
public final class PdiffBench {

    private static final String DEFAULT_PATH = "../shared/data/debian/bookworm/main/binary-amd64/Packages.xz";
    private static final int WARMUP_ROUNDS = 3;
    private static final long DIFF_DEADLINE_SECONDS = 300;
    private static final byte[] PARAGRAPH_END = {'\n', '\n'};

    /** A patch as the Index lists it: the .gz file, the SHA-256 and size of the patch, the result's SHA-256. */
    private record Patch(String name, Path gz, String sha256, long size, String resultSha256) {
    }

    private final Path work;
    private final Random random = new Random(20261126);

    private PdiffBench(Path work) {
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Path xz = Paths.get(args.length > 0 ? args[0] : DEFAULT_PATH);
        int versions = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int edits = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        if (versions < 2 || edits < 1 || rounds < 1) {
            throw new IllegalArgumentException("expected: versions >= 2, edits >= 1, rounds >= 1");
        }
        System.out.printf("jvm: %s %s, %d cpus, max heap %d MiB; load average %.2f%n",
                System.getProperty("java.vm.name"), System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Path work = Files.createTempDirectory("debswarm-pdiff-bench");
        try {
            new PdiffBench(work).run(xz, versions, edits, rounds);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private void run(Path xz, int versionCount, int edits, int rounds) throws Exception {
        byte[] compressed = Files.readAllBytes(xz);
        byte[] text;
        try (InputStream in = new XZInputStream(new ByteArrayInputStream(compressed))) {
            text = in.readAllBytes();
        }
        System.out.printf("file: %s (%,d bytes xz, %,d bytes text)%n", xz, compressed.length, text.length);

        long start = System.nanoTime();
        List<Path> versions = writeVersions(text, versionCount, edits);
        System.out.printf("%d versions of %,d entries edited each written in %,d ms%n", versionCount, edits,
                millisSince(start));
        start = System.nanoTime();
        List<Patch> chain = new ArrayList<>();
        for (int i = 0; i + 1 < versions.size(); i++) {
            chain.add(patch("chain-" + i, versions.get(i), versions.get(i + 1)));
        }
        int newest = versions.size() - 1;
        Patch mergedFromOldest = patch("T-" + newest + "-F-0", versions.get(0), versions.get(newest));
        Patch oneBehind = chain.get(chain.size() - 1);
        System.out.printf("diff --ed + gzip of %d patches: %,d ms%n", chain.size() + 1, millisSince(start));
        for (Patch p : chain) {
            System.out.printf("  %-10s %,9d bytes patch, %,8d bytes .gz, %,5d commands%n", p.name(), p.size(),
                    Files.size(p.gz()), commands(p));
        }
        System.out.printf("  %-10s %,9d bytes patch, %,8d bytes .gz, %,5d commands%n", mergedFromOldest.name(),
                mergedFromOldest.size(), Files.size(mergedFromOldest.gz()), commands(mergedFromOldest));

        follow(versions.get(0), chain); // JIT warm-up for all three: its compilations then miss the first measure
        Path base = versions.get(newest - 1);
        measure("one patch (one version behind)", rounds, base, List.of(oneBehind));
        measure("merged " + mergedFromOldest.name() + " (" + (versionCount - 1) + " versions behind)", rounds,
                versions.get(0), List.of(mergedFromOldest));
        measure("unmerged chain of " + chain.size() + " (" + (versionCount - 1) + " versions behind)", rounds,
                versions.get(0), chain);
        allocationAndHeap(versions.get(0), mergedFromOldest);
        wholeIndex(compressed, rounds);
    }

    // ---- versions and patches ---------------------------------------------------------------------------

    /** Writes the original text and versionCount - 1 edited versions; each paragraph ends with its blank line. */
    private List<Path> writeVersions(byte[] text, int versionCount, int edits) throws IOException {
        List<byte[]> paragraphs = paragraphs(text);
        List<Path> files = new ArrayList<>();
        files.add(write(paragraphs, 0));
        for (int v = 1; v < versionCount; v++) {
            paragraphs = edit(paragraphs, v, edits);
            files.add(write(paragraphs, v));
        }
        return files;
    }

    private static List<byte[]> paragraphs(byte[] text) {
        List<byte[]> paragraphs = new ArrayList<>();
        int from = 0;
        for (int i = 0; i + 1 < text.length; i++) {
            if (text[i] == '\n' && text[i + 1] == '\n') {
                paragraphs.add(Arrays.copyOfRange(text, from, i + 2));
                from = i + 2;
                i++;
            }
        }
        if (from < text.length) {
            paragraphs.add(Arrays.copyOfRange(text, from, text.length));
        }
        return paragraphs;
    }

    /** About 94% of the edits change an entry, 3% remove one, 3% add one (a copy under a new name). */
    private List<byte[]> edit(List<byte[]> before, int version, int edits) {
        List<byte[]> after = new ArrayList<>(before);
        int structural = Math.max(1, edits * 3 / 100);
        for (int i = 0; i < edits - 2 * structural; i++) {
            int at = random.nextInt(after.size());
            after.set(at, rebuilt(after.get(at), version));
        }
        for (int i = 0; i < structural; i++) {
            after.remove(random.nextInt(after.size() - 1));
            int at = random.nextInt(after.size() - 1);
            after.add(at + 1, renamed(after.get(at), version));
        }
        return after;
    }

    /** A binNMU-like rebuild: new Version, Filename, Size, Installed-Size and checksums. */
    private byte[] rebuilt(byte[] paragraph, int version) {
        String[] lines = new String(paragraph, StandardCharsets.ISO_8859_1).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i];
            if (l.startsWith("Version: ")) {
                lines[i] = l + "+b" + version;
            } else if (l.startsWith("Filename: ") && l.lastIndexOf('_') > 0) {
                int arch = l.lastIndexOf('_');
                lines[i] = l.substring(0, arch) + "+b" + version + l.substring(arch);
            } else if (l.startsWith("Size: ")) {
                lines[i] = "Size: " + (1000 + random.nextInt(5_000_000));
            } else if (l.startsWith("Installed-Size: ")) {
                lines[i] = "Installed-Size: " + (1 + random.nextInt(20_000));
            } else if (l.startsWith("MD5sum: ")) {
                lines[i] = "MD5sum: " + hex(16);
            } else if (l.startsWith("SHA256: ")) {
                lines[i] = "SHA256: " + hex(32);
            }
        }
        return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] renamed(byte[] paragraph, int version) {
        String p = new String(paragraph, StandardCharsets.ISO_8859_1);
        return p.replaceFirst("(?m)^Package: (\\S+)", "Package: $1-bench" + version)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private Path write(List<byte[]> paragraphs, int version) throws IOException {
        Path file = work.resolve("Packages-" + version);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (byte[] p : paragraphs) {
                out.write(p);
            }
        }
        return file;
    }

    /** {@code diff --ed old new}, gzipped, as dak makes each pdiff. */
    private Patch patch(String name, Path before, Path after) throws IOException, InterruptedException {
        Path ed = work.resolve(name);
        Process diff = new ProcessBuilder("diff", "--ed", before.toString(), after.toString())
                .redirectOutput(ed.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!diff.waitFor(DIFF_DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            diff.destroyForcibly();
            throw new IOException("diff --ed took more than " + DIFF_DEADLINE_SECONDS + " s");
        }
        if (diff.exitValue() > 1) {
            throw new IOException("diff --ed exited with " + diff.exitValue());
        }
        Path gz = work.resolve(name + ".gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz), 1 << 16)) {
            Files.copy(ed, out);
        }
        Patch p = new Patch(name, gz, sha256(ed), Files.size(ed), sha256(after));
        Files.delete(ed);
        return p;
    }

    private static int commands(Patch p) throws IOException {
        try (InputStream in = new GzipCompressorInputStream(Files.newInputStream(p.gz()))) {
            return EdPatch.parse(in, p.size()).size();
        }
    }

    // ---- the node's path ----------------------------------------------------------------------------------

    private void measure(String label, int rounds, Path base, List<Patch> patches) throws IOException {
        long textBytes = follow(base, patches);
        Timing t = timed(WARMUP_ROUNDS - 1, rounds, () -> follow(base, patches));
        System.out.printf("%-44s: median %7.1f ms (%4.0f MB/s), best %7.1f ms, worst %7.1f ms; CPU %6.1f ms"
                + " (%d rounds after %d warm-up)%n", label, t.median(), textBytes / 1e3 / t.median(), t.best(),
                t.worst(), t.cpuMedian(), rounds, WARMUP_ROUNDS);
    }

    private interface Round {
        long run() throws IOException;
    }

    /** Sorted wall-clock and process CPU milliseconds of each measured round (CPU: all threads, GC included). */
    private record Timing(double[] ms, double[] cpuMs) {
        double median() {
            return ms[ms.length / 2];
        }

        double best() {
            return ms[0];
        }

        double worst() {
            return ms[ms.length - 1];
        }

        double cpuMedian() {
            return cpuMs[cpuMs.length / 2];
        }
    }

    private static Timing timed(int warmup, int rounds, Round round) throws IOException {
        for (int i = 0; i < warmup; i++) {
            round.run();
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] ms = new double[rounds];
        double[] cpuMs = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            round.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
            cpuMs[i] = (os.getProcessCpuTime() - cpu) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpuMs);
        return new Timing(ms, cpuMs);
    }

    /** Applies the patches in turn from {@code base}, as PdiffFollower does; @return the bytes written */
    private long follow(Path base, List<Patch> patches) throws IOException {
        Path plain = Files.createDirectories(work.resolve("plain"));
        Path now = base;
        long written = 0;
        for (Patch p : patches) {
            Path next = work.resolve("next.tmp");
            String sha = applyOne(p, now, next);
            if (!sha.equals(p.resultSha256())) {
                throw new IOException(p.name() + " gave " + sha + " (expected: " + p.resultSha256() + ")");
            }
            written += Files.size(next);
            Path kept = Files.move(next, plain.resolve(sha), StandardCopyOption.REPLACE_EXISTING);
            if (!now.equals(base)) {
                Files.delete(now);
            }
            now = kept;
        }
        Files.delete(now);
        return written;
    }

    /** PdiffFollower.applyOne without the fetch: @return the SHA-256 of the result written to {@code out} */
    private static String applyOne(Patch p, Path in, Path out) throws IOException {
        MessageDigest patchDigest = sha256();
        EdPatch ed;
        try (InputStream raw = new DigestInputStream(new GzipCompressorInputStream(new BufferedInputStream(
                Files.newInputStream(p.gz())), true), patchDigest)) {
            ed = EdPatch.parse(raw, p.size());
            raw.transferTo(OutputStream.nullOutputStream());
        }
        String patchSha = HexFormat.of().formatHex(patchDigest.digest());
        if (!patchSha.equals(p.sha256())) {
            throw new IOException(p.name() + " has SHA-256 " + patchSha + " (expected: " + p.sha256() + ")");
        }
        MessageDigest result = sha256();
        try (InputStream input = new BufferedInputStream(Files.newInputStream(in), 65536);
                OutputStream output = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(out), 65536),
                        result)) {
            ed.apply(input, output);
        }
        return HexFormat.of().formatHex(result.digest());
    }

    /** Bytes allocated by one apply of the merged patch, and the heap its parsed form keeps. */
    private void allocationAndHeap(Path base, Patch merged) throws IOException {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (threads instanceof com.sun.management.ThreadMXBean counter) {
            long id = Thread.currentThread().getId();
            long before = counter.getThreadAllocatedBytes(id);
            follow(base, List.of(merged));
            System.out.printf("allocated by one merged apply (garbage included): %,d MB%n",
                    (counter.getThreadAllocatedBytes(id) - before) / 1_000_000);
        }
        long before = usedHeap();
        EdPatch parsed;
        try (InputStream in = new GzipCompressorInputStream(Files.newInputStream(merged.gz()))) {
            parsed = EdPatch.parse(in, merged.size());
        }
        long after = usedHeap();
        System.out.printf("heap kept by the parsed merged patch (%,d commands, %,d bytes of patch): %,d KB%n",
                parsed.size(), merged.size(), (after - before) / 1000);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    // ---- the alternative: the whole index -----------------------------------------------------------------

    private static void wholeIndex(byte[] compressed, int rounds) throws IOException {
        DefaultControlParser parser = new DefaultControlParser();
        long entries = parse(parser, compressed);
        Timing t = timed(0, rounds, () -> parse(parser, compressed));
        System.out.printf("%-44s: median %7.1f ms, best %7.1f ms, worst %7.1f ms; CPU %6.1f ms (%d rounds after 1"
                + " warm-up; %,d entries)%n", "whole Packages.xz: xz decode + rfc822 parse", t.median(), t.best(),
                t.worst(), t.cpuMedian(), rounds, entries);
        System.out.printf("(its download, not measured: %,d bytes = %.2f s at 100 Mbit/s, %.2f s at 20 Mbit/s)%n",
                compressed.length, compressed.length * 8 / 100e6, compressed.length * 8 / 20e6);
    }

    private static long parse(DefaultControlParser parser, byte[] compressed) throws IOException {
        long n = 0;
        long sink = 0;
        try (PackageReader reader = parser.packages(new XZInputStream(new ByteArrayInputStream(compressed)))) {
            for (PackageEntry e = reader.next(); e != null; e = reader.next()) {
                n++;
                sink += e.size();
            }
        }
        return sink < 0 ? -1 : n;
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16),
                digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
