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
 * {@code gpg} with a throwaway key whose public keyring apt gets as {@code signed-by}.
 */
final class DebianArchive {

    static final String SUITE = "test";
    static final String DISTS = "debian/dists/" + SUITE;

    final Path root;
    final Path keyring;
    private final Path work;
    private final Map<String, Path> debs = new LinkedHashMap<>();
    private final StringBuilder packages = new StringBuilder();

    private DebianArchive(Path work) throws IOException {
        this.work = work;
        this.root = Files.createDirectories(work.resolve("www"));
        this.keyring = work.resolve("archive-keyring.gpg");
    }

    static DebianArchive in(Path work) throws IOException {
        return new DebianArchive(work);
    }

    /** Builds {@code <name>_1.0_all.deb} holding {@code kib} KiB of random bytes and lists it in Packages. */
    DebianArchive deb(String name, int kib) throws Exception {
        Path source = Files.createDirectories(work.resolve("src").resolve(name));
        Files.createDirectories(source.resolve("DEBIAN"));
        Files.writeString(source.resolve("DEBIAN/control"), "Package: " + name + "\nVersion: 1.0\nArchitecture: all\n"
                + "Maintainer: Debswarm Tests <tests@debswarm.invalid>\nDescription: test package " + name + "\n");
        Path data = Files.createDirectories(source.resolve("usr/share").resolve(name)).resolve("data.bin");
        byte[] random = new byte[kib * 1024];
        new Random(name.hashCode()).nextBytes(random);
        Files.write(data, random);
        String filename = "pool/main/" + name.charAt(0) + "/" + name + "/" + name + "_1.0_all.deb";
        Path deb = root.resolve("debian").resolve(filename);
        Files.createDirectories(deb.getParent());
        Tools.run(Tools.DEADLINE, "dpkg-deb", "-Znone", "--root-owner-group", "--build", source.toString(), deb.toString());
        byte[] bytes = Files.readAllBytes(deb);
        packages.append("Package: ").append(name).append("\nVersion: 1.0\nArchitecture: all\n")
                .append("Maintainer: Debswarm Tests <tests@debswarm.invalid>\nFilename: ").append(filename)
                .append("\nSize: ").append(bytes.length).append("\nSHA256: ").append(sha256(bytes))
                .append("\nDescription: test package ").append(name).append("\n\n");
        debs.put(name, deb);
        return this;
    }

    /** Writes Packages, Packages.xz, their by-hash copies, Release and the signed InRelease. */
    DebianArchive publish() throws Exception {
        Path binary = Files.createDirectories(root.resolve(DISTS).resolve("main/binary-amd64"));
        Files.writeString(binary.resolve("Packages"), packages);
        Tools.run(Tools.DEADLINE, "xz", "-k", "-f", binary.resolve("Packages").toString());
        StringBuilder release = new StringBuilder("Origin: Debswarm\nLabel: Debswarm\nSuite: " + SUITE + "\nCodename: "
                + SUITE + "\nDate: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC))
                + "\nAcquire-By-Hash: yes\nArchitectures: amd64\nComponents: main\nDescription: test archive\nSHA256:\n");
        Path byHash = Files.createDirectories(binary.resolve("by-hash/SHA256"));
        for (String name : List.of("Packages", "Packages.xz")) {
            byte[] bytes = Files.readAllBytes(binary.resolve(name));
            release.append(' ').append(sha256(bytes)).append(' ').append(bytes.length)
                    .append(" main/binary-amd64/").append(name).append('\n');
            Files.write(byHash.resolve(sha256(bytes)), bytes);
        }
        Path dists = root.resolve(DISTS);
        Files.writeString(dists.resolve("Release"), release);
        sign(dists);
        return this;
    }

    private void sign(Path dists) throws Exception {
        Path gnupg = Files.createDirectories(work.resolve("gnupg"));
        Files.setPosixFilePermissions(gnupg, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        String home = "--homedir=" + gnupg;
        try {
            Tools.run(Tools.DEADLINE, "gpg", home, "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
                    "--quick-gen-key", "Debswarm Test Archive <archive@debswarm.invalid>", "ed25519", "sign", "never");
            Tools.run(Tools.DEADLINE, "gpg", home, "--batch", "--yes", "--pinentry-mode", "loopback", "--passphrase", "",
                    "--clearsign", "--digest-algo", "SHA256", "-o", dists.resolve("InRelease").toString(),
                    dists.resolve("Release").toString());
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
