package org.debswarm.storage.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The folder of one standard torrent under {@code torrents/}, kept to that torrent (issue 15, F4: a second
 * .torrent with the same name truncated the first one's file, and a symbolic link under {@code torrents/} was
 * followed and an outside file truncated). The first torrent to open a folder claims it in {@value #OWNER_FILE};
 * another owner is refused with {@link FileAlreadyExistsException}. No symbolic link is followed below
 * {@code torrents/}: a link where a folder or file belongs is refused. A file the torrent did not create keeps
 * its length: if it has another one than the torrent says, the torrent is refused (an empty file may grow).
 */
final class SpanningFolder {

    /** The claim of a folder: the owner's name (a torrent's info hash in hex), one line. */
    static final String OWNER_FILE = ".debswarm-owner";
    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    private SpanningFolder() {
    }

    /** Creates {@code root} (one level below {@code base}) or checks it, and claims it for {@code owner}. */
    static synchronized void claim(Path base, Path root, String owner) throws IOException {
        Files.createDirectories(base);
        directory(root);
        Path marker = root.resolve(OWNER_FILE);
        if (!Files.exists(marker, NOFOLLOW)) {
            try {
                // CREATE_NEW (O_EXCL) fails on anything already there, a dangling link included
                Files.writeString(marker, owner + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                return;
            } catch (FileAlreadyExistsException raced) {
                // claimed meanwhile: read it below
            }
        }
        if (!Files.isRegularFile(marker, NOFOLLOW) || Files.size(marker) > 1024) {
            throw new IOException(marker + " is not a claim file; not used");
        }
        String claimed = Files.readString(marker, StandardCharsets.UTF_8).strip();
        if (!claimed.equals(owner)) {
            throw new FileAlreadyExistsException(root.toString(), null, "claimed by torrent " + claimed);
        }
    }

    /** Opens one file of the torrent at {@code length}, creating it and its folders below {@code root}. */
    static FileChannel open(Path root, String relative, long length) throws IOException {
        if (relative.equals(OWNER_FILE)) {
            throw new IOException("a torrent file named " + OWNER_FILE + " (the folder's claim)");
        }
        Path file = root;
        String[] segments = relative.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            file = file.resolve(segments[i]);
            directory(file);
        }
        file = file.resolve(segments[segments.length - 1]);
        FileChannel channel;
        boolean created;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            created = true;
        } catch (FileAlreadyExistsException exists) {
            if (!Files.isRegularFile(file, NOFOLLOW)) {
                throw new IOException(file + " is not a regular file (a link or a folder); not followed");
            }
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, NOFOLLOW);
            created = false;
        }
        try {
            setLength(channel, file, length, created);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static void setLength(FileChannel channel, Path file, long length, boolean created) throws IOException {
        long size = channel.size();
        if (size == length) {
            return;
        }
        if (!created && size != 0) {
            throw new IOException(file + " exists with " + size + " bytes (expected: " + length
                    + "); not changed: move it away to download the torrent's file");
        }
        if (length > 0) {
            channel.write(ByteBuffer.allocate(1), length - 1); // sparse: only the last byte is written
        }
    }

    /** A folder that is one, not a link to one, created when missing. */
    private static void directory(Path folder) throws IOException {
        if (!Files.exists(folder, NOFOLLOW)) {
            try {
                Files.createDirectory(folder);
            } catch (FileAlreadyExistsException raced) {
                // made meanwhile: checked below
            }
        }
        if (!Files.isDirectory(folder, NOFOLLOW)) {
            throw new IOException(folder + " is not a folder (a link or a file); not followed");
        }
    }
}
