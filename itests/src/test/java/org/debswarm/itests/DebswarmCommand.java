package org.debswarm.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real {@code bin/debswarm} command of an installation, run as an administrator would, with a deadline. */
public final class DebswarmCommand {

    /** What a run printed and its exit code. */
    public record Run(int code, String out, String err) {
    }

    private final Path install;
    private final Path scratch;

    /** @param scratch a folder for the runs' output files */
    public DebswarmCommand(Path install, Path scratch) {
        this.install = install;
        this.scratch = scratch;
    }

    /** Runs {@code debswarm args...}; fails if it has not ended within 180 s. */
    public Run run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", install.resolve("bin/debswarm").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(scratch, "debswarm", ".out");
        Path err = Files.createTempFile(scratch, "debswarm", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("debswarm " + String.join(" ", args) + " did not end within 180 s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
