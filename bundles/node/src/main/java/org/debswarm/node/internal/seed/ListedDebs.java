package org.debswarm.node.internal.seed;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.debswarm.aptlistener.IndexCatalog;
import org.debswarm.aptlistener.IndexEntry;
import org.debswarm.aptlistener.PackagesIndex;
import org.debswarm.storage.FileKey;

/**
 * The package files the node's current indexes list, by file name: what a file found on disk may be. The same
 * file name under several hosts or paths (a mirror and its alias, two suites) gives several keys.
 */
final class ListedDebs {

    private final Map<String, List<FileKey>> byName = new HashMap<>();

    ListedDebs(IndexCatalog catalog) {
        for (PackagesIndex index : catalog.indexes()) {
            for (IndexEntry entry : index.entries()) {
                String path = entry.key().path();
                if (isPackageFile(path)) {
                    List<FileKey> keys = byName.computeIfAbsent(path.substring(path.lastIndexOf('/') + 1),
                            name -> new ArrayList<>(1));
                    if (!keys.contains(entry.key())) {
                        keys.add(entry.key());
                    }
                }
            }
        }
    }

    /** The listed keys of a file named {@code name} of {@code size} bytes; empty if none. */
    List<FileKey> matching(String name, long size) {
        return byName.getOrDefault(name, List.of()).stream().filter(k -> k.size() == size).toList();
    }

    static boolean isPackageFile(String name) {
        return name.endsWith(".deb") || name.endsWith(".udeb");
    }
}
