package org.debswarm.itests.apt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small signed Debian archive in a folder, made with the real tools: {@code .deb} files built by
 * {@code dpkg-deb --build}, {@code Packages} and {@code Packages.xz} (by {@code xz}) with their by-hash
 * copies, a {@code Release} with {@code Acquire-By-Hash: yes}, and an {@code InRelease} clearsigned by
 * {@code gpg} with a throwaway key whose public keyring apt gets as {@code signed-by} (or, with
 * {@link #detachedSignatureOnly}, an armored detached {@code Release.gpg} and no InRelease).
 * <p>
 * Other layouts ({@link #in(Path, String, String, String)}: a security archive
 * {@code debian-security bookworm-security main}, an Ubuntu-style {@code ubuntu jammy-updates universe}) and a
 * flat repository ({@link #flat}, {@code deb http://host/repo ./}); optionally source packages built by
 * {@code dpkg-source} and listed by {@code dpkg-scansources} ({@link #source}), and pdiffs made with
 * {@code diff --ed} between successive Packages versions ({@link #pdiffs}).
 */
final class DebianArchive {

    static final String SUITE = "test";
    static final String DISTS = "debian/dists/" + SUITE;

    final Path root;
    final Path keyring;
    private final Path work;
    private final String archiveRoot;
    private String suite;
    private final String component;
    private final boolean flat;
    private final Map<String, Path> debs = new LinkedHashMap<>();
    /** The Packages paragraph of each package, by name: a new version of a package replaces its paragraph. */
    private final Map<String, String> paragraphs = new LinkedHashMap<>();
    /** The packages the next {@link #publish} lists: all, unless {@link #publishSuite} names some. */
    private java.util.Set<String> listed;
    /** Architectures besides amd64, each with the packages its Packages lists (see {@link #architecture}). */
    private final Map<String, java.util.Set<String>> otherArchitectures = new LinkedHashMap<>();
    private final java.util.List<byte[]> versions = new java.util.ArrayList<>();
    private boolean pdiffs;
    private boolean detachedOnly;
    private boolean sources;
    private boolean keyMade;
    /** Each file's modification time as the last {@link #publish} left it; a file whose time differs was written since. */
    private final Map<Path, java.nio.file.attribute.FileTime> stamped = new java.util.HashMap<>();
    private java.time.Instant lastPublished = java.time.Instant.EPOCH;

    private DebianArchive(Path work, String archiveRoot, String suite, String component, boolean flat) throws IOException {
        this.work = work;
        this.root = Files.createDirectories(work.resolve("www"));
        this.keyring = work.resolve("archive-keyring.gpg");
        this.archiveRoot = archiveRoot;
        this.suite = suite;
        this.component = component;
        this.flat = flat;
    }

    static DebianArchive in(Path work) throws IOException {
        return new DebianArchive(work, "debian", SUITE, "main", false);
    }

    /** An archive at {@code <archiveRoot>/dists/<suite>/<component>/...}, such as the security archive's. */
    static DebianArchive in(Path work, String archiveRoot, String suite, String component) throws IOException {
        return new DebianArchive(work, archiveRoot, suite, component, false);
    }

    /** A flat repository: Packages, Release and the packages themselves in {@code folder}. */
    static DebianArchive flat(Path work, String folder) throws IOException {
        return new DebianArchive(work, folder, "./", "", true);
    }

    /** Each later {@link #publish} also writes merged pdiffs ({@code diff --ed}) from every earlier version. */
    DebianArchive pdiffs() {
        this.pdiffs = true;
        return this;
    }

    /** From now on, {@link #publish} signs the Release with a detached {@code Release.gpg} and writes no InRelease. */
    DebianArchive detachedSignatureOnly() {
        this.detachedOnly = true;
        return this;
    }

    /** @return the folder of the Release files, relative to the mirror root */
    String dists() {
        return flat ? archiveRoot : archiveRoot + "/dists/" + suite;
    }

    /** @return the folder of the Packages file, relative to the mirror root */
    String binaryDir() {
        return flat ? archiveRoot : dists() + "/" + component + "/binary-amd64";
    }

    /** @return a sources.list line for this archive at {@code base} ({@code http://node/mirror} or the mirror) */
    String sourcesLine(String type, String base) {
        return type + " [signed-by=" + keyring + "] " + base + "/" + archiveRoot + " " + suite
                + (flat ? "" : " " + component);
    }

    /** Builds {@code <name>_1.0_all.deb} holding {@code kib} KiB of random bytes and lists it in Packages. */
    DebianArchive deb(String name, int kib) throws Exception {
        return deb(name, kib, "all");
    }

    /**
     * Builds {@code <name>_1.0_<architecture>.deb} ({@code all} or {@code amd64}, the archive's architecture)
     * holding {@code kib} KiB of random bytes and lists it in Packages.
     */
    DebianArchive deb(String name, int kib, String architecture) throws Exception {
        return deb(name, kib, architecture, "1.0");
    }

    /**
     * Builds {@code <name>_<version>_all.deb} and lists it in Packages in place of the package's earlier version,
     * whose file stays in the pool (as on a real mirror until it is cleaned); {@link #path} then names the new file.
     */
    DebianArchive upgrade(String name, int kib, String version) throws Exception {
        return deb(name, kib, "all", version);
    }

    /**
     * Publishes another suite of this archive, {@code dists/<suite>}, signed with the same key, listing only the
     * named packages (the files the main suite lists: one file under two suites); the main suite is left as it was.
     */
    DebianArchive publishSuite(String otherSuite, String... names) throws Exception {
        String main = suite;
        suite = otherSuite;
        listed = java.util.Set.of(names);
        try {
            return publish();
        } finally {
            suite = main;
            listed = null;
        }
    }

    /**
     * From the next {@link #publish} on, also publishes {@code binary-<architecture>/Packages} listing only the named
     * packages (of architecture {@code all}: one file under two architectures' indexes), and lists the architecture
     * in Release.
     */
    DebianArchive architecture(String architecture, String... names) {
        otherArchitectures.put(architecture, java.util.Set.of(names));
        return this;
    }

    private String packagesText(java.util.Set<String> only) {
        StringBuilder text = new StringBuilder();
        paragraphs.forEach((name, paragraph) -> {
            if (only == null || only.contains(name)) {
                text.append(paragraph);
            }
        });
        return text.toString();
    }

    private DebianArchive deb(String name, int kib, String architecture, String version) throws Exception {
        Path source = Files.createDirectories(work.resolve("src").resolve(name));
        Files.createDirectories(source.resolve("DEBIAN"));
        Files.writeString(source.resolve("DEBIAN/control"), "Package: " + name + "\nVersion: " + version + "\nArchitecture: "
                + architecture + "\nMaintainer: Debswarm Tests <tests@debswarm.invalid>\nDescription: test package " + name + "\n");
        Path data = Files.createDirectories(source.resolve("usr/share").resolve(name)).resolve("data.bin");
        byte[] random = new byte[kib * 1024];
        new Random(name.hashCode()).nextBytes(random);
        Files.write(data, random);
        String debName = name + "_" + version + "_" + architecture + ".deb";
        String filename = flat ? "./" + debName : "pool/" + component + "/" + name.charAt(0) + "/" + name + "/" + debName;
        Path deb = root.resolve(archiveRoot).resolve(filename).normalize();
        Files.createDirectories(deb.getParent());
        Tools.run(Tools.DEADLINE, "dpkg-deb", "-Znone", "--root-owner-group", "--build", source.toString(), deb.toString());
        byte[] bytes = Files.readAllBytes(deb);
        StringBuilder packages = new StringBuilder();
        packages.append("Package: ").append(name).append("\nVersion: ").append(version).append("\nArchitecture: ")
                .append(architecture)
                .append("\nMaintainer: Debswarm Tests <tests@debswarm.invalid>\nFilename: ").append(filename)
                .append("\nSize: ").append(bytes.length).append("\nSHA256: ").append(sha256(bytes))
                .append("\nDescription: test package ").append(name).append("\n\n");
        paragraphs.put(name, packages.toString());
        debs.put(name, deb);
        return this;
    }

    /**
     * Builds a native source package {@code <name>_1.0} with {@code dpkg-source -b} in the pool and lists it in
     * {@code Sources} (by {@code dpkg-scansources}) at the next {@link #publish}.
     */
    DebianArchive source(String name) throws Exception {
        Path pool = Files.createDirectories(root.resolve(archiveRoot).resolve("pool/" + component + "/"
                + name.charAt(0) + "/" + name));
        Path tree = Files.createDirectories(work.resolve("src-" + name).resolve(name + "-1.0"));
        Files.createDirectories(tree.resolve("debian/source"));
        Files.writeString(tree.resolve("debian/source/format"), "3.0 (native)\n");
        Files.writeString(tree.resolve("debian/control"), "Source: " + name + "\nSection: misc\nPriority: optional\n"
                + "Maintainer: Debswarm Tests <tests@debswarm.invalid>\nStandards-Version: 4.6.2\n\nPackage: " + name
                + "\nArchitecture: all\nDescription: test source " + name + "\n test\n");
        Files.writeString(tree.resolve("debian/changelog"), name + " (1.0) unstable; urgency=medium\n\n  * Test.\n\n"
                + " -- Debswarm Tests <tests@debswarm.invalid>  Sat, 11 Jul 2026 10:00:00 +0000\n");
        Files.writeString(tree.resolve("debian/rules"), "#!/usr/bin/make -f\n%:\n\tdh $@\n");
        byte[] payload = new byte[64 * 1024];
        new Random(name.hashCode()).nextBytes(payload);
        Files.write(tree.resolve("payload.bin"), payload);
        Tools.Result built = Tools.exec(tree.getParent(), Tools.DEADLINE, List.of("dpkg-source", "-b", name + "-1.0"));
        if (!built.ok()) {
            throw new AssertionError("dpkg-source -b failed:\n" + built.output());
        }
        try (var files = Files.list(tree.getParent())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.move(f, pool.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        sources = true;
        return this;
    }

    /** @return the files of source package {@code name} in the pool, relative to the mirror root */
    List<String> sourceFiles(String name) throws IOException {
        Path pool = root.resolve(archiveRoot).resolve("pool/" + component + "/" + name.charAt(0) + "/" + name);
        try (var files = Files.list(pool)) {
            return files.filter(f -> f.getFileName().toString().startsWith(name + "_1.0") && !f.toString().endsWith(".deb"))
                    .map(f -> root.relativize(f).toString()).sorted().toList();
        }
    }

    /** Writes Packages, Packages.xz, their by-hash copies, Release and the signed InRelease (or Release.gpg). */
    DebianArchive publish() throws Exception {
        Path binary = Files.createDirectories(root.resolve(binaryDir()));
        Files.writeString(binary.resolve("Packages"), packagesText(listed));
        Tools.run(Tools.DEADLINE, "xz", "-k", "-f", binary.resolve("Packages").toString());
        StringBuilder release = new StringBuilder("Origin: Debswarm\nLabel: Debswarm\n");
        if (!flat) {
            release.append("Suite: ").append(suite).append("\nCodename: ").append(suite).append('\n');
        }
        release.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)))
                .append(flat ? "\n" : "\nAcquire-By-Hash: yes\n").append("Architectures: amd64")
                .append(flat ? "" : otherArchitectures.keySet().stream().map(a -> " " + a).collect(
                        java.util.stream.Collectors.joining()))
                .append(sources ? " source" : "").append(flat ? "\n" : "\nComponents: " + component + "\n")
                .append("Description: test archive\nSHA256:\n");
        String prefix = flat ? "" : component + "/binary-amd64/";
        list(release, binary, prefix, "Packages", "Packages.xz");
        for (Map.Entry<String, java.util.Set<String>> other : flat ? Map.<String, java.util.Set<String>>of().entrySet()
                : otherArchitectures.entrySet()) {
            Path dir = Files.createDirectories(root.resolve(dists() + "/" + component + "/binary-" + other.getKey()));
            Files.writeString(dir.resolve("Packages"), packagesText(other.getValue()));
            Tools.run(Tools.DEADLINE, "xz", "-k", "-f", dir.resolve("Packages").toString());
            list(release, dir, component + "/binary-" + other.getKey() + "/", "Packages", "Packages.xz");
        }
        if (pdiffs) {
            writePdiffs(binary);
            if (Files.exists(binary.resolve("Packages.diff/Index"))) {
                list(release, binary, prefix, "Packages.diff/Index");
            }
        }
        if (sources) {
            Path sourceDir = Files.createDirectories(root.resolve(flat ? archiveRoot : dists() + "/" + component + "/source"));
            Tools.Result scan = Tools.exec(root.resolve(archiveRoot), Tools.DEADLINE, List.of("dpkg-scansources", "pool"));
            if (!scan.ok()) {
                throw new AssertionError("dpkg-scansources failed:\n" + scan.output());
            }
            String paragraphs = scan.output().lines().filter(l -> !l.startsWith("dpkg-scansources:"))
                    .collect(java.util.stream.Collectors.joining("\n")) + "\n";
            Files.writeString(sourceDir.resolve("Sources"), paragraphs);
            Tools.run(Tools.DEADLINE, "xz", "-k", "-f", sourceDir.resolve("Sources").toString());
            list(release, sourceDir, flat ? "" : component + "/source/", "Sources", "Sources.xz");
        }
        Path dists = root.resolve(dists());
        Files.writeString(dists.resolve("Release"), release);
        sign(dists);
        stampChanges();
        return this;
    }

    /**
     * Gives every file this publication wrote a modification time (the mirror's Last-Modified) a whole second
     * after the last publication's, so that an If-Modified-Since sees each change even when two publications fall
     * in the same second; a file left as it was keeps its time.
     */
    private void stampChanges() throws IOException {
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        lastPublished = now.isAfter(lastPublished) ? now : lastPublished.plusSeconds(1);
        java.nio.file.attribute.FileTime stamp = java.nio.file.attribute.FileTime.from(lastPublished);
        try (var files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!Files.getLastModifiedTime(file).equals(stamped.get(file))) {
                    Files.setLastModifiedTime(file, stamp);
                    stamped.put(file, stamp);
                }
            }
        }
    }

    /** Adds the files to the Release's SHA256 list, each also under its by-hash name (not in flat repositories). */
    private void list(StringBuilder release, Path dir, String prefix, String... names) throws IOException {
        for (String name : names) {
            Path file = dir.resolve(name);
            byte[] bytes = Files.readAllBytes(file);
            release.append(' ').append(sha256(bytes)).append(' ').append(bytes.length).append(' ').append(prefix)
                    .append(name).append('\n');
            if (!flat) {
                Path byHash = Files.createDirectories(file.getParent().resolve("by-hash/SHA256"));
                Files.write(byHash.resolve(sha256(bytes)), bytes);
            }
        }
    }

    /**
     * dak's merged pdiffs: one patch from every earlier version to this one, {@code T-<n>-F-<i>}, made with
     * {@code diff --ed}, gzipped, listed in {@code Packages.diff/Index} (with by-hash copies).
     */
    private void writePdiffs(Path binary) throws Exception {
        byte[] current = Files.readAllBytes(binary.resolve("Packages"));
        if (!versions.isEmpty() && java.util.Arrays.equals(versions.get(versions.size() - 1), current)) {
            return;
        }
        versions.add(current);
        int n = versions.size() - 1;
        if (n == 0) {
            return;
        }
        Path diffs = Files.createDirectories(binary.resolve("Packages.diff"));
        Path byHash = Files.createDirectories(diffs.resolve("by-hash/SHA256"));
        StringBuilder history = new StringBuilder();
        StringBuilder patches = new StringBuilder();
        StringBuilder downloads = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String name = "T-" + stamp(n) + "-F-" + stamp(i);
            Path before = work.resolve("Packages-" + i);
            Files.write(before, versions.get(i));
            Tools.Result diff = Tools.exec(null, Tools.DEADLINE, List.of("diff", "--ed", before.toString(),
                    binary.resolve("Packages").toString()));
            if (diff.exitCode() > 1) {
                throw new AssertionError("diff --ed failed:\n" + diff.output());
            }
            byte[] patch = diff.output().getBytes(StandardCharsets.UTF_8);
            java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
            try (var out = new java.util.zip.GZIPOutputStream(gz)) {
                out.write(patch);
            }
            Files.write(diffs.resolve(name + ".gz"), gz.toByteArray());
            Files.write(byHash.resolve(sha256(gz.toByteArray())), gz.toByteArray());
            history.append(' ').append(sha256(versions.get(i))).append(' ').append(versions.get(i).length).append(' ')
                    .append(name).append('\n');
            patches.append(' ').append(sha256(patch)).append(' ').append(patch.length).append(' ').append(name).append('\n');
            downloads.append(' ').append(sha256(gz.toByteArray())).append(' ').append(gz.size()).append(' ').append(name)
                    .append(".gz\n");
        }
        Files.writeString(diffs.resolve("Index"), "SHA256-Current: " + sha256(current) + " " + current.length + "\n"
                + "SHA256-History:\n" + history + "SHA256-Patches:\n" + patches + "SHA256-Download:\n" + downloads
                + "X-Patch-Precedence: merged\n");
    }

    private static String stamp(int version) {
        return String.format("2026-07-%02d-1000.00", version + 1);
    }

    /** Changes one character of the signed text of InRelease: its signature no longer verifies. */
    void breakSignature() throws IOException {
        Path inRelease = root.resolve(dists()).resolve("InRelease");
        Files.writeString(inRelease, Files.readString(inRelease).replace("Description: test archive",
                "Description: test archivf"));
    }

    /** @return the by-hash name of the current {@code name} ({@code Packages.xz}) of the binary folder */
    String byHashPath(String name) throws IOException {
        return binaryDir() + "/by-hash/SHA256/" + sha256(Files.readAllBytes(root.resolve(binaryDir()).resolve(name)));
    }

    /** @return the current plain Packages of the mirror */
    byte[] packagesFile() throws IOException {
        return Files.readAllBytes(root.resolve(binaryDir()).resolve("Packages"));
    }

    private void sign(Path dists) throws Exception {
        Path gnupg = Files.createDirectories(work.resolve("gnupg"));
        Files.setPosixFilePermissions(gnupg, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        String home = "--homedir=" + gnupg;
        try {
            if (!keyMade) { // one key for every publication of this archive
                Tools.run(Tools.DEADLINE, "gpg", home, "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
                        "--quick-gen-key", "Debswarm Test Archive <archive@debswarm.invalid>", "ed25519", "sign", "never");
                keyMade = true;
            }
            List<String> command = new java.util.ArrayList<>(List.of("gpg", home, "--batch", "--yes", "--pinentry-mode",
                    "loopback", "--passphrase", ""));
            command.addAll(detachedOnly ? List.of("--armor", "--detach-sign") : List.of("--clearsign"));
            command.addAll(List.of("--digest-algo", "SHA256", "-o",
                    dists.resolve(detachedOnly ? "Release.gpg" : "InRelease").toString(), dists.resolve("Release").toString()));
            Tools.run(Tools.DEADLINE, command.toArray(String[]::new));
            Tools.run(Tools.DEADLINE, "gpg", home, "--batch", "--yes", "-o", keyring.toString(), "--export");
        } finally {
            Tools.run(Tools.DEADLINE, "gpgconf", home, "--kill", "all"); // the agent gpg started for this home
        }
    }

    /** @return the archive path of a package, such as {@code debian/pool/main/h/hello/hello_1.0_all.deb} */
    String path(String name) {
        return root.relativize(debs.get(name)).toString();
    }

    /** @return the package file on the mirror */
    Path file(String name) {
        return debs.get(name);
    }

    /** Changes one byte in the middle of the mirror's copy, keeping its size: its SHA-256 no longer matches. */
    void corrupt(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(debs.get(name));
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(debs.get(name), bytes);
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
