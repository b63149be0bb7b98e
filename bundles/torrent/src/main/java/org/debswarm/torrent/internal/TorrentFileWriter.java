package org.debswarm.torrent.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.debswarm.torrent.bencode.Bencode;

/**
 * Creates BEP 3 metainfo for a folder (multi-file) or a single file, with BEP 12 tiers. Reproducible: no
 * creation date, files in {@link FolderScan} order.
 */
final class TorrentFileWriter {

    static final int MIN_PIECE_LENGTH = 16 * 1024;
    static final int MAX_PIECE_LENGTH = 16 * 1024 * 1024;
    static final int TARGET_PIECES = 2048;

    private TorrentFileWriter() {
    }

    static byte[] create(Path root, List<String> announce, int pieceLength) throws IOException {
        Path name = root.toAbsolutePath().normalize().getFileName();
        if (name == null) {
            throw new IOException("cannot make a torrent of " + root + " (expected: a named file or folder)");
        }
        List<FolderScan.Entry> files = FolderScan.isFolder(root) ? FolderScan.scan(root) : List.of(single(root));
        long total = files.stream().mapToLong(f -> f.length).sum();
        int length = pieceLength == 0 ? choosePieceLength(total) : checkPieceLength(pieceLength);
        PieceHasher hasher = new PieceHasher(length);
        for (FolderScan.Entry file : files) {
            hasher.add(file.file, file.length);
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", name.toString());
        info.put("piece length", length);
        info.put("pieces", hasher.finish());
        if (FolderScan.isFolder(root)) {
            info.put("files", fileList(files));
        } else {
            info.put("length", total);
        }
        return Bencode.encode(metainfo(info, announce));
    }

    private static FolderScan.Entry single(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + " is neither a folder nor a regular file");
        }
        return new FolderScan.Entry(List.of(file.getFileName().toString()), file, Files.size(file));
    }

    private static List<Object> fileList(List<FolderScan.Entry> files) {
        List<Object> list = new ArrayList<>(files.size());
        for (FolderScan.Entry file : files) {
            list.add(Map.of("length", file.length, "path", file.segments));
        }
        return list;
    }

    private static Map<String, Object> metainfo(Map<String, Object> info, List<String> announce) {
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("info", info);
        top.put("created by", "Debswarm");
        if (!announce.isEmpty()) {
            top.put("announce", announce.get(0));
        }
        if (announce.size() > 1) {
            List<Object> tiers = new ArrayList<>();
            announce.forEach(url -> tiers.add(List.of(url)));
            top.put("announce-list", tiers);
        }
        return top;
    }

    /** The smallest power of two from 16 KiB giving at most 2048 pieces, but no more than 16 MiB. */
    static int choosePieceLength(long total) {
        int length = MIN_PIECE_LENGTH;
        while (length < MAX_PIECE_LENGTH && total > (long) length * TARGET_PIECES) {
            length *= 2;
        }
        return length;
    }

    private static int checkPieceLength(int length) {
        if (length < MIN_PIECE_LENGTH || length > MAX_PIECE_LENGTH || Integer.bitCount(length) != 1) {
            throw new IllegalArgumentException("piece length " + length + " (expected: a power of two from "
                    + MIN_PIECE_LENGTH + " to " + MAX_PIECE_LENGTH + ", or 0 to choose)");
        }
        return length;
    }
}
