package org.debswarm.cli;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Where the node is and how to log in, from the command line, then the environment, then the installation's
 * {@code conf/debswarm.properties} and {@code -D} properties (as the launcher reads them), then defaults:
 * <ul>
 * <li>console: {@code --url}, {@code DEBSWARM_URL}, else {@code http://<org.apache.felix.http.host>:<org.osgi.service.http.port>}
 * (127.0.0.1:8080);</li>
 * <li>password: {@code --password-file}, {@code DEBSWARM_PASSWORD_FILE}, else {@code <home>/etc/console-password}
 * with home {@code --home}, {@code DEBSWARM_HOME}, else {@code ./data}; user {@code felix.webconsole.username}
 * (admin).</li>
 * </ul>
 */
final class CliSettings {

    private final Path install;
    private final URI consoleUri;
    private final Path passwordFile;
    private final String user;
    private final boolean json;
    private final List<String> words;
    private String password;

    private CliSettings(Path install, URI consoleUri, Path passwordFile, String user, boolean json,
            List<String> words) {
        this.install = install;
        this.consoleUri = consoleUri;
        this.passwordFile = passwordFile;
        this.user = user;
        this.json = json;
        this.words = List.copyOf(words);
    }

    static CliSettings parse(String[] args, Map<String, String> env, UnaryOperator<String> systemProperty)
            throws CliFailure {
        List<String> words = new ArrayList<>();
        String url = env.get("DEBSWARM_URL");
        String passwordFile = env.get("DEBSWARM_PASSWORD_FILE");
        String home = env.get("DEBSWARM_HOME");
        boolean json = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> json = true;
                case "--url" -> url = value(args, ++i, "--url");
                case "--password-file" -> passwordFile = value(args, ++i, "--password-file");
                case "--home" -> home = value(args, ++i, "--home");
                default -> words.add(args[i]);
            }
        }
        Path install = Path.of(orElse(systemProperty.apply("debswarm.install"), ".")).toAbsolutePath().normalize();
        Properties conf = conf(install);
        String host = setting("org.apache.felix.http.host", "127.0.0.1", conf, systemProperty);
        String port = setting("org.osgi.service.http.port", "8080", conf, systemProperty);
        URI console = consoleUri(orElse(url, "http://" + host + ":" + port));
        Path file = passwordFile == null || passwordFile.isBlank()
                ? Path.of(orElse(home, "data")).resolve("etc").resolve("console-password")
                : Path.of(passwordFile);
        String user = setting("felix.webconsole.username", "admin", conf, systemProperty);
        return new CliSettings(install, console, file.toAbsolutePath(), user, json, words);
    }

    private static URI consoleUri(String url) throws CliFailure {
        try {
            URI uri = URI.create(url.trim());
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http:// or https:// URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCodes.USAGE, "bad console URL '" + url + "': " + e.getMessage());
        }
    }

    private static String value(String[] args, int i, String option) throws CliFailure {
        if (i >= args.length || args[i].isBlank()) {
            throw new CliFailure(ExitCodes.USAGE, option + " needs a value");
        }
        return args[i];
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String setting(String name, String fallback, Properties conf, UnaryOperator<String> system) {
        return orElse(system.apply(name), orElse(conf.getProperty(name), fallback));
    }

    /** The installation's framework properties; the named Jetty instances are in deploy/, not here. */
    private static Properties conf(Path install) {
        Properties conf = new Properties();
        Path file = install.resolve("conf").resolve("debswarm.properties");
        if (Files.isReadable(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                conf.load(reader);
            } catch (IOException e) {
                // unreadable: the defaults apply, as in the launcher without the file
            }
        }
        return conf;
    }

    Path install() {
        return install;
    }

    URI consoleUri() {
        return consoleUri;
    }

    String user() {
        return user;
    }

    boolean json() {
        return json;
    }

    List<String> words() {
        return words;
    }

    Path passwordFile() {
        return passwordFile;
    }

    String passwordSource() {
        return passwordFile.toString();
    }

    /** The console password, read once, when a call first needs it. */
    String password() throws CliFailure {
        if (password == null) {
            try {
                password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            } catch (AccessDeniedException e) {
                throw new CliFailure(ExitCodes.LOGIN, "cannot read the console password in " + passwordFile
                        + ": permission denied (run as root or as the node's user, or pass --password-file)");
            } catch (NoSuchFileException e) {
                throw new CliFailure(ExitCodes.LOGIN, "no console password at " + passwordFile
                        + " (the node writes it at first start; pass --home DIR or --password-file FILE)");
            } catch (IOException e) {
                throw new CliFailure(ExitCodes.LOGIN, "cannot read " + passwordFile + ": " + e.getMessage());
            }
        }
        return password;
    }
}
