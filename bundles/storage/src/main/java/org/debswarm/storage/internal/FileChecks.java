package org.debswarm.storage.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/** Cheap checks (size and modification time) and full hashing of files on disk. */
final class FileChecks {

    private static final int READ_BUFFER = 64 * 1024;

    private FileChecks() {
    }

    /**
     * Whether {@code file} is a regular file (not a symbolic link) with the recorded size and
     * modification time. Any write to the file changes its modification time, so this catches
     * every change short of one that restores the time on purpose; {@code verify} catches those.
     */
    static boolean matches(Path file, long size, long mtimeNanos) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() && a.size() == size && a.lastModifiedTime().to(TimeUnit.NANOSECONDS) == mtimeNanos;
        } catch (NoSuchFileException | NotDirectoryException e) {
            return false; // gone, or a parent folder was replaced by a file
        }
    }

    static long mtimeNanos(Path file) throws IOException {
        return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).to(TimeUnit.NANOSECONDS);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Feeds {@code [from, to)} of {@code channel} into {@code digest}. */
    static void update(MessageDigest digest, FileChannel channel, long from, long to) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER);
        long position = from;
        while (position < to) {
            buffer.clear().limit((int) Math.min(READ_BUFFER, to - position));
            int n = channel.read(buffer, position);
            if (n < 0) {
                throw new IOException("file ended at " + position + " (expected: " + to + " bytes)");
            }
            buffer.flip();
            digest.update(buffer);
            position += n;
        }
    }

    /** The SHA-256 of a whole file, in lower-case hex. */
    static String sha256Of(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            update(digest, channel, 0, channel.size());
        }
        return hex(digest.digest());
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
