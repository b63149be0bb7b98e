package org.debswarm.node.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.debswarm.torrent.InfoHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The torrents an administrator stopped or forgot, remembered across restarts in one small text file of the
 * node's data folder, rewritten whole and moved into place atomically after each change:
 * <pre>
 * stopped &lt;info hash&gt;
 * forgotten &lt;info hash&gt; &lt;SHA-256 of an index that listed it&gt;[,&lt;another&gt;...]
 * </pre>
 * A forgotten Packages torrent stays forgotten while the indexes that list it are ones it was forgotten with;
 * an index with another SHA-256 (apt fetched a new version) ends it. Used on the node's thread only.
 */
final class HeldTorrents {

    /** A file larger than this is not read (it would hold about 10,000 torrents). */
    static final long MAX_BYTES = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(HeldTorrents.class);
    private static final String HEADER = "# Torrents stopped or forgotten by an administrator; written by Debswarm";

    private final Path file;
    private final Set<InfoHash> stopped = new LinkedHashSet<>();
    private final Map<InfoHash, Set<String>> forgotten = new HashMap<>();

    private HeldTorrents(Path file) {
        this.file = file;
    }

    /** Reads the file; a missing file holds nothing, a bad line is logged and left out. */
    static HeldTorrents load(Path file) {
        HeldTorrents held = new HeldTorrents(file);
        try {
            if (Files.size(file) > MAX_BYTES) {
                LOG.warn("{}: {} bytes (expected: <= {}); no torrent held", file, Files.size(file), MAX_BYTES);
                return held;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                held.read(lines.get(i), i + 1);
            }
        } catch (NoSuchFileException e) {
            LOG.debug("{}: no torrent held yet", file);
        } catch (IOException e) {
            LOG.warn("{}: cannot read it ({}); no torrent held", file, e.toString());
        }
        return held;
    }

    private void read(String line, int number) {
        String[] fields = line.strip().split(" ");
        try {
            if (line.isBlank() || line.startsWith("#")) {
                return;
            } else if (fields.length == 2 && fields[0].equals("stopped")) {
                stopped.add(InfoHash.fromHex(fields[1]));
            } else if (fields.length == 3 && fields[0].equals("forgotten")) {
                forgotten.put(InfoHash.fromHex(fields[1]), new LinkedHashSet<>(List.of(fields[2].split(","))));
            } else {
                throw new IllegalArgumentException("expected: stopped <info hash> or forgotten <info hash> <indexes>");
            }
        } catch (IllegalArgumentException e) {
            LOG.warn("{} line {} left out: {}", file, number, e.getMessage());
        }
    }

    boolean isStopped(InfoHash hash) {
        return stopped.contains(hash);
    }

    boolean isForgotten(InfoHash hash) {
        return forgotten.containsKey(hash);
    }

    boolean isHeld(InfoHash hash) {
        return isStopped(hash) || isForgotten(hash);
    }

    void stop(InfoHash hash) {
        forgotten.remove(hash);
        if (stopped.add(hash)) {
            save();
        }
    }

    /** @param indexes the SHA-256 of every index that listed it so far; an index not among them ends it */
    void forget(InfoHash hash, Set<String> indexes) {
        stopped.remove(hash);
        forgotten.put(hash, new LinkedHashSet<>(indexes));
        save();
    }

    /** Neither stopped nor forgotten any more. */
    void release(InfoHash hash) {
        boolean changed = stopped.remove(hash);
        changed |= forgotten.remove(hash) != null;
        if (changed) {
            save();
        }
    }

    /**
     * An index with SHA-256 {@code indexSha256} lists a torrent: if the torrent was forgotten with other indexes
     * only, apt brought a new one and the torrent is forgotten no more.
     *
     * @return whether the torrent was forgotten and is released
     */
    boolean releaseIfNewIndex(InfoHash hash, String indexSha256) {
        Set<String> indexes = forgotten.get(hash);
        if (indexes == null || indexes.contains(indexSha256)) {
            return false;
        }
        forgotten.remove(hash);
        save();
        return true;
    }

    private void save() {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        stopped.forEach(h -> lines.add("stopped " + h.toHex()));
        Map<String, Set<String>> sorted = new TreeMap<>();
        forgotten.forEach((h, indexes) -> sorted.put(h.toHex(), indexes));
        sorted.forEach((h, indexes) -> lines.add("forgotten " + h + " " + String.join(",", indexes)));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temporary = file.resolveSibling(file.getFileName() + ".new");
            Files.write(temporary, lines, StandardCharsets.UTF_8);
            move(temporary);
        } catch (IOException e) {
            LOG.error("{}: cannot remember the stopped and forgotten torrents ({}); they run again after a restart",
                    file, e.toString());
        }
    }

    private void move(Path temporary) throws IOException {
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
