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
 * their {@code Packages} (plain and .xz) and a {@code Release} listing both, in suite {@code test}, signed by the
 * throwaway test key ({@code Release.gpg} and {@code InRelease}).
 */
final class TestArchive {

    static final String SUITE = "debian/dists/test";
    static final String PACKAGES = SUITE + "/main/binary-amd64/Packages";

    final Path root;
    final Map<String, byte[]> files = new LinkedHashMap<>();
    private static final java.time.ZonedDateTime FIRST_DATE =
            java.time.ZonedDateTime.of(2026, 7, 11, 10, 16, 37, 0, java.time.ZoneOffset.UTC);
    private static final java.time.format.DateTimeFormatter DATE =
            java.time.format.DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'UTC'", java.util.Locale.ROOT);
    private final StringBuilder packages = new StringBuilder();
    private final StringBuilder sources = new StringBuilder();
    private boolean byHash;
    private boolean pdiffs;
    private boolean corruptPatch;
    private byte[] previous;
    private int generation;
    /** Each publication is dated a second after the one before, so that its Release differs even if nothing else does. */
    private int publications;
    private boolean chained;
    private String chainHistory = "";
    private String chainPatches = "";
    private String chainDownloads = "";

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
        StringBuilder listed = new StringBuilder();
        String pdiffLines = pdiff(plain);
        write(PACKAGES, plain);
        byte[] packed = xz(plain);
        write(PACKAGES + ".xz", packed);
        listed.append(line(plain, "main/binary-amd64/Packages")).append(line(packed, "main/binary-amd64/Packages.xz"))
                .append(pdiffLines);
        if (sources.length() > 0) {
            byte[] src = sources.toString().getBytes(StandardCharsets.UTF_8);
            byte[] srcXz = xz(src);
            write(SUITE + "/main/source/Sources.xz", srcXz);
            listed.append(line(src, "main/source/Sources")).append(line(srcXz, "main/source/Sources.xz"));
        }
        String release = "Origin: Test\nSuite: test\nCodename: test\nArchitectures: amd64\nComponents: main\n"
                + (byHash ? "Acquire-By-Hash: yes\n" : "")
                + "Date: " + DATE.format(FIRST_DATE.plusSeconds(publications++)) + "\nSHA256:\n" + listed;
        byte[] releaseBytes = release.getBytes(StandardCharsets.UTF_8);
        write(SUITE + "/Release", releaseBytes);
        TestSigner signer = new TestSigner();
        write(SUITE + "/Release.gpg", signer.detach(releaseBytes));
        write(SUITE + "/InRelease", signer.clearSign(release));
        previous = plain;
        return this;
    }

    /** From now on, every published index is also written under its by-hash name, and the Release says so. */
    TestArchive byHash() {
        this.byHash = true;
        return this;
    }

    /** From now on, each publication also writes a pdiff from the previous Packages (one merged patch each). */
    TestArchive withPdiffs() {
        this.pdiffs = true;
        return this;
    }

    /** Makes the next pdiff's patch wrong (its Index hashes still match the patch file). */
    TestArchive corruptNextPatch() {
        this.corruptPatch = true;
        return this;
    }

    /** Adds a source package: a .dsc and an orig tarball of random bytes, listed in Sources. */
    TestArchive addSource(String name, long seed) throws IOException {
        String dir = "pool/main/" + name.charAt(0) + "/" + name;
        StringBuilder checksums = new StringBuilder();
        for (String file : new String[] {name + "_1.0.dsc", name + "_1.0.orig.tar.xz"}) {
            byte[] bytes = new byte[file.endsWith(".dsc") ? 700 : 40_000];
            new Random(seed++).nextBytes(bytes);
            write("debian/" + dir + "/" + file, bytes);
            files.put("debian/" + dir + "/" + file, bytes);
            checksums.append(" ").append(sha256(bytes)).append(" ").append(bytes.length).append(" ").append(file).append('\n');
        }
        sources.append("Package: ").append(name).append("\nVersion: 1.0\nDirectory: ").append(dir)
                .append("\nChecksums-Sha256:\n").append(checksums).append('\n');
        return this;
    }

    /** From now on the Index lists every patch since the first version, chained (dak's older, unmerged style). */
    TestArchive withChainedPdiffs() {
        this.pdiffs = true;
        this.chained = true;
        return this;
    }

    /**
     * @return the Release lines of the pdiff Index leading to {@code plain}, having written it and the patch from
     *         the previous Packages (merged style: only that patch; chained: every patch since the first version)
     */
    private String pdiff(byte[] plain) throws IOException {
        if (!pdiffs || previous == null) {
            return "";
        }
        String name = "T-" + (++generation) + "-F-" + (generation - 1);
        byte[] patch = EdDiff.between(previous, plain).getBytes(StandardCharsets.UTF_8);
        byte[] shipped = corruptPatch ? EdDiff.between(previous, (new String(plain, StandardCharsets.UTF_8)
                + "Package: spurious\n\n").getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8) : patch;
        corruptPatch = false;
        byte[] gz = gzip(shipped);
        String diffDir = SUITE + "/main/binary-amd64/Packages.diff/";
        write(diffDir + name + ".gz", gz);
        String history = " " + sha256(previous) + " " + previous.length + " " + name + "\n";
        String patches = " " + sha256(shipped) + " " + shipped.length + " " + name + "\n";
        String downloads = " " + sha256(gz) + " " + gz.length + " " + name + ".gz\n";
        if (chained) {
            history = chainHistory + history;
            patches = chainPatches + patches;
            downloads = chainDownloads + downloads;
            chainHistory = history;
            chainPatches = patches;
            chainDownloads = downloads;
        }
        String index = "SHA256-Current: " + sha256(plain) + " " + plain.length + "\n"
                + "SHA256-History:\n" + history + "SHA256-Patches:\n" + patches + "SHA256-Download:\n" + downloads
                + (chained ? "" : "X-Patch-Precedence: merged\n");
        byte[] indexBytes = index.getBytes(StandardCharsets.UTF_8);
        write(diffDir + "Index", indexBytes);
        return line(indexBytes, "main/binary-amd64/Packages.diff/Index");
    }

    private String line(byte[] content, String relative) throws IOException {
        if (byHash) {
            String folder = relative.substring(0, relative.lastIndexOf('/') + 1);
            write(SUITE + "/" + folder + "by-hash/SHA256/" + sha256(content), content);
        }
        return " " + sha256(content) + " " + content.length + " " + relative + "\n";
    }

    private static byte[] xz(byte[] plain) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new XZCompressorOutputStream(bytes)) {
            out.write(plain);
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
            out.write(plain);
        }
        return bytes.toByteArray();
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
