package org.debswarm.storage.internal;

import org.debswarm.storage.FileKey;

/** A row of {@code storage_path}: a mirror path, its content and what its file looked like when stored. */
record PathRecord(String host, String path, String sha256, long size, long mtimeNanos, long storedAtMillis) {

    static PathRecord of(FileKey key, long mtimeNanos, long storedAtMillis) {
        return new PathRecord(key.host(), key.path(), key.sha256(), key.size(), mtimeNanos, storedAtMillis);
    }

    FileKey key() {
        return new FileKey(host, path, size, sha256);
    }
}
