package org.debswarm.node;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link SeedImport} did so far, or in all. Immutable.
 *
 * @param folder     the folder imported
 * @param state      whether it runs, finished, or stopped before the end
 * @param startedAt  when it started
 * @param finishedAt when it finished or stopped; empty while it runs
 * @param scanned    package files looked at
 * @param imported   files checked and stored by this import
 * @param importedBytes their bytes
 * @param held       files the store held already (an earlier import, apt, a peer): skipped
 * @param unlisted   files no index held by the node lists (by name and size): left alone
 * @param corrupt    files whose SHA-256 is not the one their index lists: not kept (the first
 *                   {@value #MAX_LISTED}, each with its path)
 * @param corruptCount how many corrupt files in all
 * @param errors     files that could not be read or stored, each with the reason (the first {@value #MAX_LISTED})
 * @param errorCount how many errors in all
 * @since 1.1
 */
public record SeedImportReport(String folder, State state, Instant startedAt, Optional<Instant> finishedAt,
                               long scanned, long imported, long importedBytes, long held, long unlisted,
                               List<String> corrupt, long corruptCount, List<String> errors, long errorCount) {

    /** How many corrupt files and errors a report names, at most; the counts go on. */
    public static final int MAX_LISTED = 100;

    /** The life of an import. */
    public enum State {
        RUNNING, DONE, STOPPED
    }

    public SeedImportReport {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        corrupt = List.copyOf(corrupt);
        errors = List.copyOf(errors);
    }

    /** Whether every file looked at was either stored, held already, or unlisted: nothing corrupt, no error. */
    public boolean clean() {
        return corruptCount == 0 && errorCount == 0;
    }
}
