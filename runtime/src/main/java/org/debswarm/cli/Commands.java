package org.debswarm.cli;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The subcommands: each prints for a person (or the node's JSON with {@code --json}) and returns its exit code. */
final class Commands {

    private static final String SEED = "/debswarm/api/seed";

    private final CliSettings settings;
    private final NodeClient node;
    private final PrintStream out;

    Commands(CliSettings settings, NodeClient node, PrintStream out) {
        this.settings = settings;
        this.node = node;
        this.out = out;
    }

    int run(List<String> words) throws CliFailure {
        String command = Cli.word(words, 0);
        List<String> rest = words.isEmpty() ? List.of() : words.subList(1, words.size());
        return switch (command) {
            case "", "status" -> status();
            case "cache" -> cache(rest);
            case "apt-setup" -> new AptSetup(settings, out).run(rest);
            case "password" -> password();
            case "wait-ready" -> new ReadyWait(node, out, settings.json()).run(rest);
            case "seed" -> seed(rest);
            case "help", "-h", "--help" -> {
                out.println(Cli.USAGE);
                yield ExitCodes.OK;
            }
            default -> throw Cli.usage("unknown command '" + command + "'");
        };
    }

    private int status() throws CliFailure {
        NodeClient.Answer health = node.get("/health", false, NodeClient.CONNECT);
        if (health.status() == 404) {
            throw new CliFailure(ExitCodes.NOT_READY, "the node at " + node.base() + " is starting (no /health yet)");
        }
        NodeClient.Answer status = node.get("/debswarm/api/status", true, NodeClient.REQUEST);
        Map<String, Object> figures = StatusText.object(json(status, "/debswarm/api/status"));
        out.print(settings.json() ? status.body().strip() + "\n" : StatusText.render(node.base(), figures));
        return Boolean.TRUE.equals(figures.get("ready")) ? ExitCodes.OK : ExitCodes.NOT_READY;
    }

    private int cache(List<String> words) throws CliFailure {
        String action = Cli.word(words, 0);
        String path = Cli.word(words, 1);
        if (words.size() > 2) {
            throw Cli.usage("cache " + action + " takes one PATH");
        }
        NodeClient.Answer answer = switch (action) {
            case "list", "" -> node.get("/debswarm/api/cache", true, NodeClient.REQUEST);
            case "pin", "unpin", "evict" -> {
                if (path.isEmpty()) {
                    throw Cli.usage("cache " + action + " needs a PATH: <mirror host>/<archive path>");
                }
                yield node.post("/debswarm/api/cache/" + action + "?path=" + encode(path));
            }
            case "verify" -> node.post("/debswarm/api/cache/verify" + (path.isEmpty() ? "" : "?path=" + encode(path)));
            default -> throw Cli.usage("unknown cache action '" + action + "' (expected: list, pin, unpin, verify, evict)");
        };
        Object body = json(answer, "/debswarm/api/cache");
        out.print(settings.json() ? answer.body().strip() + "\n" : CacheText.render(action, body));
        return answer.status() / 100 == 2 && !CacheText.reportsCorruption(body) ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /**
     * {@code seed import DIR [--no-wait] [--timeout S]}: starts the import and, unless told not to, follows it to
     * its end (long polls of at most a minute, within the timeout, an hour by default); {@code seed [status]}: the
     * running or last import. Exit 0 when the import ended clean, 1 with corrupt files or errors, 4 on the timeout.
     */
    private int seed(List<String> words) throws CliFailure {
        String action = Cli.word(words, 0);
        if (action.isEmpty() || action.equals("status")) {
            if (words.size() > 1) {
                throw Cli.usage("seed status takes nothing more");
            }
            return seedReport(node.get(SEED, true, NodeClient.REQUEST));
        }
        if (!action.equals("import")) {
            throw Cli.usage("unknown seed action '" + action + "' (expected: import, status)");
        }
        String folder = Cli.word(words, 1);
        if (folder.isEmpty() || folder.startsWith("--")) {
            throw Cli.usage("seed import needs a FOLDER (apt's is /var/cache/apt/archives)");
        }
        boolean follow = true;
        Duration timeout = Duration.ofHours(1);
        for (int i = 2; i < words.size(); i++) {
            switch (words.get(i)) {
                case "--no-wait" -> follow = false;
                case "--timeout" -> timeout = seconds(Cli.word(words, ++i), "--timeout");
                default -> throw Cli.usage("seed import takes FOLDER [--no-wait] [--timeout S]");
            }
        }
        String absolute = Path.of(folder).toAbsolutePath().normalize().toString();
        NodeClient.Answer started = node.post(SEED + "/import?folder=" + encode(absolute));
        if (started.status() != 202 || !follow) {
            return seedReport(started);
        }
        long end = System.nanoTime() + timeout.toNanos();
        NodeClient.Answer last = started;
        while (SeedText.running(StatusText.object(json(last, SEED))) && System.nanoTime() - end < 0) {
            long left = Math.max(1, Math.min(60, Duration.ofNanos(end - System.nanoTime()).toSeconds()));
            last = node.get(SEED + "?wait=" + left, true, Duration.ofSeconds(left + 30));
        }
        int code = seedReport(last);
        return SeedText.running(StatusText.object(json(last, SEED))) ? ExitCodes.NOT_READY : code;
    }

    private int seedReport(NodeClient.Answer answer) throws CliFailure {
        Map<String, Object> report = StatusText.object(json(answer, SEED));
        if (report.containsKey("error")) {
            out.print(settings.json() ? answer.body().strip() + "\n" : "seed: " + report.get("error") + "\n");
            return answer.status() == 503 ? ExitCodes.NOT_AVAILABLE : ExitCodes.FAILED;
        }
        out.print(settings.json() ? answer.body().strip() + "\n" : SeedText.render(report));
        return SeedText.running(report) || SeedText.clean(report) ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private int password() {
        Path file = settings.passwordFile();
        boolean exists = Files.exists(file);
        if (settings.json()) {
            out.printf("{\"user\":\"%s\",\"file\":\"%s\",\"exists\":%s}%n", settings.user(),
                    file.toString().replace("\\", "\\\\").replace("\"", "\\\""), exists);
        } else {
            out.printf("Web Console user %s; password in %s%s%n", settings.user(), file,
                    exists ? " (readable by the node's user and root only)" : " (not there yet: the node writes it at first start)");
            out.println("Set your own in the console: OSGi > Configuration > Apache Felix OSGi Management Console.");
        }
        return exists ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /**
     * The answer's JSON. The node's endpoints answer errors as {@code {"error": ...}}; a 404 without that is the
     * container's own (Jetty answers JSON to a JSON Accept header too): the node has no such endpoint yet.
     */
    private Object json(NodeClient.Answer answer, String endpoint) throws CliFailure {
        Object json = null;
        if (answer.json()) {
            try {
                json = JsonReader.read(answer.body());
            } catch (IllegalArgumentException e) {
                throw new CliFailure(ExitCodes.FAILED, "the node's answer to " + endpoint + " is " + e.getMessage());
            }
        }
        boolean nodeAnswered = json instanceof java.util.Map<?, ?> map && (answer.status() != 404 || map.containsKey("error"));
        if (!nodeAnswered) {
            throw new CliFailure(answer.status() == 404 ? ExitCodes.NOT_AVAILABLE : ExitCodes.FAILED,
                    "the node at " + node.base() + " answered " + answer.status() + " to " + endpoint
                            + (answer.status() == 404 ? ": this node does not offer it (yet)" : " without a JSON object"));
        }
        return json;
    }

    private static String encode(String path) {
        return URLEncoder.encode(path, StandardCharsets.UTF_8);
    }

    static Duration seconds(String value, String option) throws CliFailure {
        try {
            long s = Long.parseLong(value);
            if (s < 0 || s > 86_400) {
                throw Cli.usage(option + " " + value + " (expected: 0 to 86400 seconds)");
            }
            return Duration.ofSeconds(s);
        } catch (NumberFormatException e) {
            throw Cli.usage(option + " " + value + " (expected: whole seconds)");
        }
    }
}
