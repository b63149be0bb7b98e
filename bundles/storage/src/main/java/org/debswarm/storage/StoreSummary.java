package org.debswarm.storage;

/**
 * Counts for statistics and the Web Console, as recorded in the store's database.
 *
 * @param storedPaths   mirror paths that are stored
 * @param storedBytes   sum of the sizes of those paths (what apt sees)
 * @param uniqueFiles   distinct contents (SHA-256) on disk
 * @param uniqueBytes   bytes those contents take on disk (content addressing: each stored once)
 * @param activeWrites  files being written now
 * @param partialFiles  partial files on disk, being written or waiting to be resumed
 */
public record StoreSummary(long storedPaths, long storedBytes, long uniqueFiles, long uniqueBytes,
                           int activeWrites, long partialFiles) {
}
