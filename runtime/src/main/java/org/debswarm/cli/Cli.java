package org.debswarm.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * {@code debswarm}, the administrator's command: talks to the running node over HTTP on its console port.
 * {@code bin/debswarm} runs this for every word but {@code run} (which starts a node).
 */
public final class Cli {

    static final String USAGE = String.join("\n",
            "usage: debswarm [options] <command>",
            "  status                     is the node ready; peers, share from peers, store use",
            "  cache list                 stored files: size, pinned, last served, listed by a current index",
            "  cache pin|unpin PATH       keep PATH (<mirror host>/<archive path>) from eviction, or no longer",
            "  cache verify [PATH]        re-hash PATH, or every stored file; reports corrupt ones",
            "  cache evict PATH           remove PATH from the store (refused while pinned or in use)",
            "  apt-setup [--write [FILE]] print (or write) the apt configuration that points apt at the node",
            "  password                   where the console password is",
            "  wait-ready [--timeout S]   wait until the node can serve apt (default 120 s)",
            "  seed import FOLDER [--no-wait] [--timeout S]",
            "                             store and offer the .debs of FOLDER that a signed index lists (apt's:",
            "                             /var/cache/apt/archives); follows the import to its end (default 1 h)",
            "  seed [status]              the running or last import",
            "  run [--home DIR]           start a node in the foreground (Ctrl-C stops it)",
            "  (no command)               status if a node runs, else how to start one",
            "options: --json (machine-readable output)  --url URL (console, default http://127.0.0.1:8080)",
            "         --home DIR (data folder: the password file)  --password-file FILE",
            "exit codes: 0 ok/ready, 1 refused or failed, 2 usage, 3 no node, 4 not ready, 5 login, 6 not available");

    private Cli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, java.util.Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            CliSettings settings = CliSettings.parse(args, env, System::getProperty);
            return new Commands(settings, new NodeClient(settings), out).run(settings.words());
        } catch (CliFailure failure) {
            err.println(failure.getMessage());
            if (failure.exitCode() == ExitCodes.USAGE) {
                err.println(USAGE);
            }
            return failure.exitCode();
        }
    }

    static CliFailure usage(String message) {
        return new CliFailure(ExitCodes.USAGE, "debswarm: " + message);
    }

    static String word(List<String> words, int i) {
        return i < words.size() ? words.get(i) : "";
    }
}
