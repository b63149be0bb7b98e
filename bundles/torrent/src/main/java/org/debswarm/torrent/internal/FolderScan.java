package org.debswarm.torrent.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The regular files below a folder, in a deterministic order: by path segments, each compared as UTF-8 bytes,
 * so that the same tree gives the same torrent on every platform. Symbolic links are not followed.
 */
final class FolderScan {

    /** One file: its segments under the folder, its absolute path and its length when scanned. */
    static final class Entry {
        final List<String> segments;
        final Path file;
        final long length;

        Entry(List<String> segments, Path file, long length) {
            this.segments = segments;
            this.file = file;
            this.length = length;
        }
    }

    private static final Comparator<List<String>> SEGMENT_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Arrays.compareUnsigned(a.get(i).getBytes(StandardCharsets.UTF_8),
                    b.get(i).getBytes(StandardCharsets.UTF_8));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    private FolderScan() {
    }

    static List<Entry> scan(Path folder) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    List<String> segments = new ArrayList<>();
                    folder.relativize(file).forEach(segment -> segments.add(segment.toString()));
                    entries.add(new Entry(List.copyOf(segments), file, attributes.size()));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        if (entries.isEmpty()) {
            throw new IOException("folder " + folder + " holds no regular files (expected: at least one)");
        }
        entries.sort((a, b) -> SEGMENT_ORDER.compare(a.segments, b.segments));
        return entries;
    }

    static boolean isFolder(Path path) {
        return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
    }
}
