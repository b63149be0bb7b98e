package org.debswarm.storage.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.debswarm.storage.FileKey;
import org.debswarm.storage.StoredFile;

/** The outcome of placing one verified content at the paths waiting for it. */
final class Placement {

    private final List<PathRecord> rows = new ArrayList<>();
    private final Map<String, StoredFile> stored = new LinkedHashMap<>();
    private final Map<String, Exception> failed = new HashMap<>();
    private final List<String> replaced = new ArrayList<>();

    void placed(PathRecord row, Path file) {
        rows.add(row);
        FileKey key = row.key();
        stored.put(WriteTargets.id(key), new StoredFile(key, file, Instant.ofEpochMilli(row.storedAtMillis())));
    }

    void failed(FileKey key, Exception cause) {
        failed.put(WriteTargets.id(key), cause);
    }

    void replaced(List<String> contents) {
        replaced.addAll(contents);
    }

    List<PathRecord> rows() {
        return rows;
    }

    /** Stored files by {@link WriteTargets#id}. */
    Map<String, StoredFile> stored() {
        return stored;
    }

    /** Failures by {@link WriteTargets#id}. */
    Map<String, Exception> failed() {
        return failed;
    }

    /** Contents that lost a path to this one. */
    List<String> replaced() {
        return replaced;
    }
}
