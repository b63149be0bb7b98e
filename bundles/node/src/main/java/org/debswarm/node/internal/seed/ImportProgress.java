package org.debswarm.node.internal.seed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.debswarm.node.SeedImportReport;

/** The counts of one import as it goes, written by its thread and read by anyone as a {@link #report()}. */
final class ImportProgress {

    private final String folder;
    private final Instant startedAt = Instant.now();
    private Instant finishedAt; // guarded by this
    private SeedImportReport.State state = SeedImportReport.State.RUNNING;
    private long scanned;
    private long imported;
    private long importedBytes;
    private long held;
    private long unlisted;
    private final List<String> corrupt = new ArrayList<>();
    private long corruptCount;
    private final List<String> errors = new ArrayList<>();
    private long errorCount;

    ImportProgress(String folder) {
        this.folder = folder;
    }

    synchronized void scanned() {
        scanned++;
    }

    synchronized void imported(long bytes) {
        imported++;
        importedBytes += bytes;
    }

    synchronized void held() {
        held++;
    }

    synchronized void unlisted() {
        unlisted++;
    }

    synchronized void corrupt(String what) {
        corruptCount++;
        if (corrupt.size() < SeedImportReport.MAX_LISTED) {
            corrupt.add(what);
        }
    }

    synchronized void error(String what) {
        errorCount++;
        if (errors.size() < SeedImportReport.MAX_LISTED) {
            errors.add(what);
        }
    }

    synchronized void finish(SeedImportReport.State end) {
        state = end;
        finishedAt = Instant.now();
    }

    synchronized SeedImportReport report() {
        return new SeedImportReport(folder, state, startedAt, Optional.ofNullable(finishedAt), scanned, imported,
                importedBytes, held, unlisted, corrupt, corruptCount, errors, errorCount);
    }
}
