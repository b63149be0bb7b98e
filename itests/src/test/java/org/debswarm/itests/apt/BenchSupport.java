package org.debswarm.itests.apt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What the end-to-end benchmarks ({@link SwarmBench}, {@link FleetBench}) share: the package set, checks, figures. */
final class BenchSupport {

    static final long MB = 1_000_000;

    private BenchSupport() {
    }

    /**
     * An archive of {@code .deb} files named {@code <prefix>NN} whose sizes are log-uniform between 16 KiB and
     * 48 MiB (seeded), scaled to {@code totalMb}: many small, a few large, as in a real upgrade. Fills
     * {@code packages} with each name and its SHA-256.
     */
    static DebianArchive archive(Path dir, String prefix, long totalMb, long seed, Map<String, String> packages)
            throws Exception {
        int count = (int) Math.max(8, Math.min(60, totalMb / 6));
        Random random = new Random(seed);
        double[] raw = new double[count];
        double sum = 0;
        for (int i = 0; i < count; i++) {
            raw[i] = Math.exp(Math.log(16) + random.nextDouble() * (Math.log(48 * 1024) - Math.log(16)));
            sum += raw[i];
        }
        double totalKib = totalMb * MB / 1024.0;
        DebianArchive archive = DebianArchive.in(dir);
        for (int i = 0; i < count; i++) {
            String name = String.format("%s%02d", prefix, i);
            archive.deb(name, (int) Math.max(1, Math.round(raw[i] / sum * totalKib)));
            packages.put(name, sha256(archive.file(name)));
        }
        return archive.publish();
    }

    /** Every package of {@code packages} is in {@code into}, identical to the archive's (SHA-256), or this fails. */
    static void verify(String who, Path into, Map<String, String> packages) throws IOException {
        for (Map.Entry<String, String> p : packages.entrySet()) {
            Path got = into.resolve(p.getKey() + "_1.0_all.deb");
            if (!Files.isRegularFile(got)) {
                throw new AssertionError(who + ": " + got.getFileName() + " was not downloaded");
            }
            String sha = sha256(got);
            if (!sha.equals(p.getValue())) {
                throw new AssertionError(who + ": " + got.getFileName() + " has SHA-256 " + sha
                        + ", the archive's is " + p.getValue());
            }
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** What a benchmark's {@code main} runs. */
    interface Run {
        void run() throws Exception;
    }

    /**
     * Runs a benchmark as its {@code main} should: {@code cleanUp} as a shutdown hook (so also on Ctrl-C), exit
     * code 0 when {@code run} ends, 1 (with the failure printed) when it throws.
     */
    static void runAndExit(String name, Run run, Runnable cleanUp) {
        Runtime.getRuntime().addShutdownHook(new Thread(cleanUp, name + "-cleanup"));
        try {
            run.run();
        } catch (Throwable e) {
            System.err.println("FAILED: " + e);
            e.printStackTrace();
            System.exit(1); // the hook cleans up
        }
        System.exit(0);
    }

    /**
     * Closes what the run owns, last opened first; kills any other process it started (a node whose start was cut
     * short, an apt-get left by a failure); then deletes the work folder unless {@code keep}.
     */
    static void cleanUp(List<AutoCloseable> owned, Path work, boolean keep) {
        for (int i = owned.size() - 1; i >= 0; i--) {
            try {
                owned.get(i).close();
            } catch (Exception e) {
                System.err.println("cleanup: " + e);
            }
        }
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        ProcessHandle.current().descendants().forEach(p -> p.onExit().completeOnTimeout(p, 10, TimeUnit.SECONDS).join());
        if (keep) {
            System.out.println("kept: " + work);
            return;
        }
        deleteTree(work);
    }

    /** Deletes {@code work} and everything under it, or says why not. */
    static void deleteTree(Path work) {
        try (Stream<Path> paths = Files.walk(work)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("cleanup: " + work + " not deleted: " + e);
        }
    }
}
