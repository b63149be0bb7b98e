package org.debswarm.storage.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.debswarm.storage.FileKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Partial files on disk and their records: created at full length, resumed from the recorded
 * ranges, deleted, and swept at start-up so that nothing unrecorded lingers in {@code partial/}.
 */
final class PartialFiles {

    /** A partial file opened for writing, with the ranges already present in it. */
    record Opened(Path file, FileChannel channel, ByteRanges present, boolean resumed) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(PartialFiles.class);

    private final StoreLayout layout;
    private final PartialRecords records;

    PartialFiles(StoreLayout layout, PartialRecords records) {
        this.layout = layout;
        this.records = records;
    }

    /** Resumes the recorded partial file of {@code key}'s content, or creates one at its final length. */
    Opened open(FileKey key) throws IOException {
        Path file = layout.partial(key.sha256());
        Optional<Long> recorded = records.size(key.sha256());
        if (recorded.isPresent() && recorded.get() == key.size() && hasLength(file, key.size())) {
            List<ByteRange> ranges = records.ranges(key.sha256());
            if (ranges.stream().allMatch(r -> r.end() <= key.size())) {
                ByteRanges present = ByteRanges.of(ranges);
                LOG.debug("Resuming {} with {} of {} bytes present", key, present.total(), key.size());
                return new Opened(file, FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE),
                        present, true);
            }
            LOG.warn("Recorded ranges of the partial file of {} exceed its size; starting over", key);
        }
        checkSpace(key);
        records.create(key.sha256(), key.size());
        // setLength gives the file its final size (sparse where supported: Java has no fallocate),
        // so positional writes from any peer land in place.
        RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw");
        try {
            raf.setLength(key.size());
        } catch (IOException e) {
            raf.close();
            throw e;
        }
        return new Opened(file, raf.getChannel(), new ByteRanges(), false);
    }

    private void checkSpace(FileKey key) throws IOException {
        long usable = Files.getFileStore(layout.partialDirectory()).getUsableSpace();
        if (usable < key.size()) {
            throw new IOException("not enough disk space for " + key + ": " + usable + " bytes usable (expected: >= "
                    + key.size() + ")");
        }
    }

    void delete(String sha256) throws IOException {
        records.delete(sha256);
        Files.deleteIfExists(layout.partial(sha256));
    }

    /**
     * Deletes every file in {@code partial/} that is not a recorded partial file of the recorded
     * size (temporaries of interrupted placements, files of writes that ended in a crash before
     * they were recorded), and forgets records whose file is gone.
     */
    void sweep() throws IOException {
        Map<String, Long> recorded = records.all();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(layout.partialDirectory())) {
            for (Path file : files) {
                Optional<String> sha = StoreLayout.partialSha256(file);
                Long size = sha.map(recorded::get).orElse(null);
                if (size != null && hasLength(file, size)) {
                    recorded.remove(sha.get());
                } else {
                    LOG.debug("Deleting stray file {} in the partial folder", file);
                    Files.deleteIfExists(file);
                }
            }
        }
        for (String sha : recorded.keySet()) {
            records.delete(sha);
        }
    }

    private static boolean hasLength(Path file, long size) throws IOException {
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.size(file) == size;
    }
}
