package org.debswarm.storage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: tells the store which files a current index lists, so that eviction removes unlisted
 * files (superseded versions) before listed ones. The apt listener registers one backed by its
 * catalog. Without any, every file counts as unlisted and eviction is by least recent service only.
 *
 * @since 1.1
 */
@ConsumerType
public interface ListedFiles {

    /** @return whether a current index lists {@code key.path()} of {@code key.host()} with {@code key.sha256()} */
    boolean lists(FileKey key);
}
