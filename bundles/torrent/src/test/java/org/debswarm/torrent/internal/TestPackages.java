package org.debswarm.torrent.internal;

import static org.junit.Assume.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.debswarm.torrent.PackagesTorrentBuilder;
import org.tukaani.xz.XZInputStream;

/**
 * A deliberately small Packages reader for tests of the core derivation, independent of the rfc822 bundle:
 * paragraphs as ordered field maps (continuation lines appended).
 */
final class TestPackages {

    /** bookworm main in the shared data beside the checkout: -Ddebswarm.shared (set by the parent pom), else ../shared. */
    static final Path DATA = Path.of(System.getProperty("debswarm.shared", "../../../shared"),
            "data/debian/bookworm/main");
    static final Path AMD64 = DATA.resolve("binary-amd64/Packages.xz");
    static final Path ALL = DATA.resolve("binary-all/Packages.xz");

    private TestPackages() {
    }

    /** The file decompressed; skips the calling test (or class) with a message when the shared data is missing. */
    static byte[] plain(Path xz) throws IOException {
        String missing = "shared data not found at " + xz.toAbsolutePath().normalize()
                + " (../shared beside the checkout, or -Ddebswarm.shared=DIR): skipped";
        if (!Files.isRegularFile(xz)) {
            System.err.println(missing); // surefire shows only the count of skipped tests
        }
        assumeTrue(missing, Files.isRegularFile(xz));
        try (InputStream in = new XZInputStream(Files.newInputStream(xz))) {
            return in.readAllBytes();
        }
    }

    static List<Map<String, String>> paragraphs(byte[] plain) throws IOException {
        List<Map<String, String>> paragraphs = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        String field = null;
        BufferedReader reader = new BufferedReader(new InputStreamReader(
                new java.io.ByteArrayInputStream(plain), StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isEmpty()) {
                if (!current.isEmpty()) {
                    paragraphs.add(current);
                    current = new LinkedHashMap<>();
                }
            } else if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                current.merge(field, "\n" + line, String::concat);
            } else {
                int colon = line.indexOf(':');
                field = line.substring(0, colon);
                current.put(field, line.substring(colon + 1).strip());
            }
        }
        if (!current.isEmpty()) {
            paragraphs.add(current);
        }
        return paragraphs;
    }

    static void addAll(PackagesTorrentBuilder builder, List<Map<String, String>> paragraphs) {
        for (Map<String, String> p : paragraphs) {
            add(builder, p);
        }
    }

    static boolean add(PackagesTorrentBuilder builder, Map<String, String> p) {
        String size = p.get("Size");
        return builder.add(p.get("Filename"), size == null ? -1 : Long.parseLong(size), p.get("SHA256"),
                "all".equals(p.get("Architecture")));
    }

    /** Writes paragraphs back as a Packages file, fields in the given order of each map. */
    static byte[] write(List<Map<String, String>> paragraphs) {
        StringBuilder out = new StringBuilder();
        for (Map<String, String> p : paragraphs) {
            p.forEach((k, v) -> out.append(k).append(": ").append(v).append('\n'));
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
