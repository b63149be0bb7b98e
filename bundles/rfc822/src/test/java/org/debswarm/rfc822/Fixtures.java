package org.debswarm.rfc822;

import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The real Debian files in ../shared/data and the hand-written fixtures on the test class path. */
final class Fixtures {

    private Fixtures() {
    }

    /** A file of the shared data beside the checkout: -Ddebswarm.shared (set by the parent pom), else ../shared. */
    static Path data(String relative) {
        Path root = Paths.get(System.getProperty("debswarm.shared", "../../../shared"), "data");
        Path file = root.resolve(relative);
        String missing = "shared data not found at " + file.toAbsolutePath().normalize()
                + " (../shared beside the checkout, or -Ddebswarm.shared=DIR): skipped";
        if (!Files.isRegularFile(file)) {
            System.err.println(missing); // surefire shows only the count of skipped tests
        }
        assumeTrue(missing, Files.isRegularFile(file));
        return file;
    }

    static Path bookworm(String relative) {
        return data("debian/bookworm/" + relative);
    }

    static byte[] resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String digest(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        return digest("SHA-256", text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
