package org.debswarm.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The Web Console's admin password: generated at first start, kept readable by the owner only, and handed to
 * the console as a salted, iterated hash so that the console never accepts the well-known admin/admin.
 *
 * <p>The hash uses the Web Console's own encoding, {@code {sha-256}<salt hex>-<iterations>-<base64 digest>},
 * where the digest is SHA-256 applied {@code iterations} times to {@code salt + password}.
 */
final class ConsolePassword {

    static final String FILE_NAME = "console-password";
    private static final int ITERATIONS = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final String password;

    private ConsolePassword(Path file, String password) {
        this.file = file;
        this.password = password;
    }

    static ConsolePassword loadOrCreate(Path folder) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            try {
                create(file);
            } catch (FileAlreadyExistsException raced) {
                // another launcher wrote it first: use theirs
            }
        }
        String password = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (password.length() < 12) {
            throw new IOException(file + " holds a password shorter than 12 characters; delete it to get a new one");
        }
        return new ConsolePassword(file, password);
    }

    private static void create(Path file) throws IOException {
        byte[] secret = new byte[18];
        RANDOM.nextBytes(secret);
        String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, generated + "\n", StandardCharsets.UTF_8);
    }

    Path file() {
        return file;
    }

    /** The password in the Web Console's hashed form, with a fresh salt. */
    String hashed() {
        byte[] saltBytes = new byte[8];
        RANDOM.nextBytes(saltBytes);
        String salt = HexFormat.of().formatHex(saltBytes);
        return "{sha-256}" + salt + "-" + ITERATIONS + "-" + Base64.getEncoder().encodeToString(digest(salt, password));
    }

    static byte[] digest(String salt, String password) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] bytes = (salt + password).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < ITERATIONS; i++) {
                sha256.reset();
                bytes = sha256.digest(bytes);
            }
            return bytes;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
