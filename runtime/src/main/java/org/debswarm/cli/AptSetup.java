package org.debswarm.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@code debswarm apt-setup [--write [FILE]]}: the apt configuration that sends apt through the node, as the
 * Debian package installs it. It uses {@code Acquire::http::Proxy-Auto-Detect} with the installation's
 * {@code bin/debswarm-apt-proxy}, which answers the node's apt address only while the node is ready and
 * proxies that mirror, else {@code DIRECT}: a stopped node never breaks apt.
 */
final class AptSetup {

    static final Path DEFAULT_FILE = Path.of("/etc/apt/apt.conf.d/30debswarm-proxy");

    private final CliSettings settings;
    private final PrintStream out;

    AptSetup(CliSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    int run(List<String> words) throws CliFailure {
        String snippet = snippet(settings.install().resolve("bin").resolve("debswarm-apt-proxy"));
        if (words.isEmpty()) {
            out.print(settings.json() ? "{\"file\":\"" + DEFAULT_FILE + "\",\"snippet\":\"" + escape(snippet) + "\"}\n"
                    : snippet);
            return ExitCodes.OK;
        }
        if (!"--write".equals(words.get(0)) || words.size() > 2) {
            throw Cli.usage("apt-setup takes only --write [FILE]");
        }
        Path file = words.size() == 2 ? Path.of(words.get(1)) : DEFAULT_FILE;
        write(file, snippet);
        out.println(settings.json() ? "{\"written\":\"" + escape(file.toString()) + "\"}" : "wrote " + file);
        return ExitCodes.OK;
    }

    static String snippet(Path script) {
        return String.join("\n",
                "// Debswarm: for each http:// source apt asks " + script + " which proxy to use.",
                "// It answers the local node's apt address while the node is ready and proxies that mirror,",
                "// else DIRECT, so a stopped or starting node never breaks apt. To opt out, delete this file",
                "// (the package then leaves it deleted on upgrades).",
                "Acquire::http::Proxy-Auto-Detect \"" + script + "\";",
                "");
    }

    /** Written whole beside the target, then moved into place: apt never reads half a file. */
    private static void write(Path file, String snippet) throws CliFailure {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Path partial = Files.createTempFile(dir, ".debswarm-apt", ".partial");
            try {
                Files.writeString(partial, snippet, StandardCharsets.UTF_8);
                partial.toFile().setReadable(true, false);
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.FAILED, "cannot write " + file + ": " + e
                    + (e instanceof java.nio.file.AccessDeniedException ? " (run as root)" : ""));
        }
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
