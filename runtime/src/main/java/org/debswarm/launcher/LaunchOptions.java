package org.debswarm.launcher;

import java.nio.file.Path;
import java.util.Map;

/** Command-line options and environment of the launcher. */
record LaunchOptions(Path install, Path home, boolean help) {

    static final String USAGE = String.join("\n",
            "usage: debswarm [--home DIR]",
            "  --home DIR   data folder (database, store, configuration, console password);",
            "               default: $DEBSWARM_HOME, else ./data",
            "  Framework properties may be set with -Dname=value in $DEBSWARM_OPTS",
            "  or in <install>/conf/debswarm.properties.");

    static LaunchOptions parse(String[] args, Map<String, String> env) {
        Path home = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--home needs a folder");
                    }
                    home = Path.of(args[++i]);
                }
                case "-h", "--help" -> help = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (home == null) {
            String fromEnv = env.get("DEBSWARM_HOME");
            home = Path.of(fromEnv == null || fromEnv.isBlank() ? "data" : fromEnv);
        }
        String install = System.getProperty("debswarm.install", ".");
        return new LaunchOptions(Path.of(install).toAbsolutePath().normalize(),
                home.toAbsolutePath().normalize(), help);
    }
}
