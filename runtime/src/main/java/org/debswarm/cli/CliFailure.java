package org.debswarm.cli;

/** A command that cannot go on: its message for the person, and the exit code for scripts. */
final class CliFailure extends Exception {

    private static final long serialVersionUID = 1L;
    private final int exitCode;

    CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
