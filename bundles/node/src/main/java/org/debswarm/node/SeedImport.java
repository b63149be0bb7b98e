package org.debswarm.node;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Seeding from package files already on the machine: the {@code .deb} and {@code .udeb} files of a folder (apt's
 * own {@code /var/cache/apt/archives}, a local mirror's pool), searched recursively, whose name and size a signed
 * index held by the node lists, are copied into the store, which checks each one's SHA-256 against the index
 * before it keeps it, and offered to peers like any package the node fetched. Files that no index lists are
 * reported and left alone; files that fail the check are reported as corrupt and not kept.
 * <p>
 * One import runs at a time, on its own low-priority thread, one file at a time, so apt's requests are served
 * meanwhile. An import that stops halfway (the node stopped) is resumed by importing the same folder again: what
 * the store holds already is counted and skipped, a file cut short is continued.
 *
 * @since 1.1
 */
@ProviderType
public interface SeedImport {

    /**
     * Starts importing {@code folder}.
     *
     * @return the import's report as it starts
     * @throws IllegalArgumentException if {@code folder} is not an absolute path to a readable folder
     * @throws IllegalStateException if an import is already running
     */
    SeedImportReport start(Path folder);

    /** The running import's report now, else the last finished one's; empty if none ran since the node started. */
    Optional<SeedImportReport> last();

    /**
     * Completes with the final report of the running import, at once with the last one's if none runs, or with
     * {@link java.util.NoSuchElementException} if none ran since the node started.
     */
    CompletableFuture<SeedImportReport> whenDone();
}
