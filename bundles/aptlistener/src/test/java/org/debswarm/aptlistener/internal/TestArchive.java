package org.debswarm.aptlistener.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/**
 * A small Debian archive for the listener's tests: package files of random bytes under {@code debian/pool},
 * their {@code Packages} (plain and .xz) and a {@code Release} listing both, in suite {@code test}.
 */
final class TestArchive {

    static final String SUITE = "debian/dists/test";
    static final String PACKAGES = SUITE + "/main/binary-amd64/Packages";

    final Path root;
    final Map<String, byte[]> files = new LinkedHashMap<>();
    private final StringBuilder packages = new StringBuilder();

    TestArchive(Path root) {
        this.root = root;
    }

    /** Adds a package file listed with its true SHA-256. */
    TestArchive add(String name, int size, long seed) throws IOException {
        return add(name, size, seed, false);
    }

    /** Adds a package file whose listed SHA-256 is wrong when {@code corrupt}: the mirror's copy is bad. */
    TestArchive add(String name, int size, long seed, boolean corrupt) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        String path = "debian/pool/main/" + name.charAt(0) + "/" + name + "/" + name + "_1.0_all.deb";
        write(path, bytes);
        files.put(path, bytes);
        String sha = sha256(bytes);
        packages.append("Package: ").append(name).append("\nVersion: 1.0\nArchitecture: all\nFilename: ")
                .append(path.substring("debian/".length())).append("\nSize: ").append(size)
                .append("\nSHA256: ").append(corrupt ? sha.replace(sha.charAt(0), sha.charAt(0) == 'a' ? 'b' : 'a') : sha)
                .append("\nDescription: test package\n\n");
        return this;
    }

    /** Adds a package file that no index lists. */
    TestArchive addUnlisted(String path, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        write(path, bytes);
        files.put(path, bytes);
        return this;
    }

    /** Writes Packages, Packages.xz and Release. */
    TestArchive publish() throws IOException {
        byte[] plain = packages.toString().getBytes(StandardCharsets.UTF_8);
        write(PACKAGES, plain);
        Path xz = root.resolve(PACKAGES + ".xz");
        try (OutputStream out = new XZCompressorOutputStream(Files.newOutputStream(xz))) {
            out.write(plain);
        }
        byte[] packed = Files.readAllBytes(xz);
        String release = "Origin: Test\nSuite: test\nCodename: test\nArchitectures: amd64\nComponents: main\n"
                + "Date: Sat, 11 Jul 2026 10:16:37 UTC\nSHA256:\n"
                + " " + sha256(plain) + " " + plain.length + " main/binary-amd64/Packages\n"
                + " " + sha256(packed) + " " + packed.length + " main/binary-amd64/Packages.xz\n";
        write(SUITE + "/Release", release.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    byte[] bytes(String path) throws IOException {
        return Files.readAllBytes(root.resolve(path));
    }

    private void write(String path, byte[] bytes) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(PackagesReading.sha256().digest(bytes));
    }
}
