package org.debswarm.storage.internal;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a stored content at a mirror path: a hard link to the content-addressed copy, or a copy
 * where the file system refuses links (no support, too many links), always prepared under a
 * temporary name and renamed into place, so the path holds either its old file or the complete
 * new one, never something in between.
 */
final class Placer {

    private static final Logger LOG = LoggerFactory.getLogger(Placer.class);

    private final StoreLayout layout;

    Placer(StoreLayout layout) {
        this.layout = layout;
    }

    /** @return whether the path is a hard link (false: a copy) */
    boolean place(Path blob, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        Path temporary = layout.newTemporary();
        boolean linked = linkOrCopy(blob, temporary);
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        return linked;
    }

    private static boolean linkOrCopy(Path blob, Path temporary) throws IOException {
        try {
            Files.createLink(temporary, blob);
            return true;
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (Files.notExists(blob)) {
                throw e;
            }
            LOG.debug("Hard link to {} refused ({}); copying instead", blob, e.toString());
            // COPY_ATTRIBUTES keeps the modification time, which the records compare against.
            Files.copy(blob, temporary, StandardCopyOption.COPY_ATTRIBUTES);
            return false;
        }
    }

    /** Moves a verified partial file to its content-addressed place. */
    static void moveInto(Path partial, Path blob) throws IOException {
        Files.createDirectories(blob.getParent());
        Files.move(partial, blob, StandardCopyOption.ATOMIC_MOVE);
    }
}
