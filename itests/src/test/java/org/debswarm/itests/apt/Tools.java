package org.debswarm.itests.apt;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The Debian tools the end-to-end tests drive, run as ordinary processes with a deadline. */
final class Tools {

    static final Duration DEADLINE = Duration.ofSeconds(60);

    /** What a finished process said. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private Tools() {
    }

    /** @return whether every tool is on the PATH */
    static boolean available(String... tools) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String tool : tools) {
            boolean found = false;
            for (String dir : path.split(File.pathSeparator)) {
                found |= new File(dir, tool).canExecute();
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** Runs a command that must succeed. */
    static Result run(Duration deadline, String... command) throws Exception {
        Result result = exec(null, deadline, List.of(command));
        if (!result.ok()) {
            throw new AssertionError(String.join(" ", command) + " exited with " + result.exitCode() + ":\n" + result.output());
        }
        return result;
    }

    /** Runs a command in {@code dir} with a clean environment (no proxy variables) and returns how it ended. */
    static Result exec(Path dir, Duration deadline, List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.toLowerCase().endsWith("_proxy"));
        builder.environment().put("LC_ALL", "C");
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        Process process = builder.start();
        java.util.concurrent.CompletableFuture<String> output = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes());
            } catch (IOException e) {
                return "(output unreadable: " + e + ")";
            }
        });
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", command) + " did not finish within " + deadline);
        }
        return new Result(process.exitValue(), output.get(10, TimeUnit.SECONDS));
    }
}
