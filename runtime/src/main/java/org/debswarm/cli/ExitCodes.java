package org.debswarm.cli;

/** The exit codes of {@code debswarm}, for scripts; docs/packaging.md lists them too. */
final class ExitCodes {

    /** Done; for {@code status}, the node is ready. */
    static final int OK = 0;
    /** The node refused or failed the request (unknown path, pinned or in use, a file that failed verification). */
    static final int FAILED = 1;
    /** Bad command line. */
    static final int USAGE = 2;
    /** No node answers at the console address. */
    static final int NO_NODE = 3;
    /** The node answers but is not ready (status), or did not become ready in time (wait-ready). */
    static final int NOT_READY = 4;
    /** No usable console password (file unreadable), or the node refused it (401). */
    static final int LOGIN = 5;
    /** The subcommand or the node's endpoint for it does not exist in this version. */
    static final int NOT_AVAILABLE = 6;

    private ExitCodes() {
    }
}
