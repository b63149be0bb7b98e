package org.debswarm.torrent.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import org.debswarm.rfc822.internal.DefaultControlParser;
import org.debswarm.torrent.MetaInfo;
import org.debswarm.torrent.TorrentFactory;
import org.debswarm.torrent.TorrentFile;
import org.debswarm.torrent.bencode.Bencode;
import org.debswarm.torrent.bencode.ByteString;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** BEP 3 metainfo files: created from files and folders, read back, verified against the data. */
public class StandardTorrentTest {

    @Rule
    public final TemporaryFolder temp = new TemporaryFolder();

    private final TorrentFactory factory = new DefaultTorrentFactory(new DefaultControlParser());

    private Path file(String relative, int length, long seed) throws IOException {
        Path path = temp.getRoot().toPath().resolve(relative);
        Files.createDirectories(path.getParent());
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return Files.write(path, data);
    }

    @Test
    public void singleFileRoundTrip() throws Exception {
        Path iso = file("debian.iso", 100_000, 1);
        byte[] torrent = factory.createTorrentFile(iso, List.of("http://127.0.0.1:6969/announce"), 16_384);
        MetaInfo meta = factory.readTorrentFile(torrent);
        assertTrue(meta.singleFile());
        assertEquals("debian.iso", meta.name());
        assertEquals(List.of(new TorrentFile(List.of("debian.iso"), 100_000, 0)), meta.files());
        assertEquals(16_384, meta.pieceLength());
        assertEquals(7, meta.pieceCount());
        assertEquals(100_000 - 6 * 16_384, meta.pieceLength(6));
        assertEquals(Optional.of("http://127.0.0.1:6969/announce"), meta.announce());
        assertEquals(List.of(), meta.announceTiers());
        assertFalse(meta.isPrivate());
        assertPiecesMatch(meta, Files.readAllBytes(iso));
        assertInfoHashIsSha1OfInfo(torrent, meta);
    }

    @Test
    public void multiFileRoundTrip() throws Exception {
        file("pool/b/second.deb", 40_000, 2);
        file("pool/a/first.deb", 30_000, 3);
        file("pool/a/\u00e9t\u00e9.deb", 5_000, 4);
        file("pool/a/Z.deb", 0, 5);
        file("README", 100, 6);
        Path folder = temp.getRoot().toPath().resolve("pool").getParent();
        byte[] torrent = factory.createTorrentFile(folder, List.of("http://a/announce", "http://b/announce"), 32_768);
        MetaInfo meta = factory.readTorrentFile(torrent);
        assertFalse(meta.singleFile());
        assertEquals(folder.getFileName().toString(), meta.name());
        List<List<String>> paths = new ArrayList<>();
        meta.files().forEach(f -> paths.add(f.path()));
        // segments compared as UTF-8 bytes: "README" < "pool"; "Z.deb" < "first.deb" < "été.deb"
        assertEquals(List.of(List.of("README"), List.of("pool", "a", "Z.deb"), List.of("pool", "a", "first.deb"),
                List.of("pool", "a", "\u00e9t\u00e9.deb"), List.of("pool", "b", "second.deb")), paths);
        assertEquals(75_100, meta.totalLength());
        assertEquals(100 + 0 + 30_000, meta.files().get(3).offset());
        assertEquals(Optional.of("http://a/announce"), meta.announce());
        assertEquals(List.of(List.of("http://a/announce"), List.of("http://b/announce")), meta.announceTiers());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (TorrentFile f : meta.files()) {
            all.write(Files.readAllBytes(folder.resolve(String.join("/", f.path()))));
        }
        assertPiecesMatch(meta, all.toByteArray());
        assertInfoHashIsSha1OfInfo(torrent, meta);
    }

    @Test
    public void creationIsReproducible() throws Exception {
        file("x/one", 20_000, 7);
        file("x/two", 20_000, 8);
        Path folder = temp.getRoot().toPath().resolve("x");
        assertArrayEquals(factory.createTorrentFile(folder, List.of(), 0), factory.createTorrentFile(folder, List.of(), 0));
    }

    @Test
    public void pieceLengthIsChosenWhenZero() {
        assertEquals(16_384, TorrentFileWriter.choosePieceLength(0));
        assertEquals(16_384, TorrentFileWriter.choosePieceLength(16_384L * 2048));
        assertEquals(32_768, TorrentFileWriter.choosePieceLength(16_384L * 2048 + 1));
        assertEquals(512 * 1024, TorrentFileWriter.choosePieceLength(700L << 20));
        assertEquals(16 << 20, TorrentFileWriter.choosePieceLength(1L << 50));
    }

    @Test
    public void badPieceLengthOrSourceIsRefused() throws IOException {
        Path one = file("f", 10, 9);
        try {
            factory.createTorrentFile(one, List.of(), 20_000);
            fail();
        } catch (IllegalArgumentException e) {
            assertEquals("piece length 20000 (expected: a power of two from 16384 to 16777216, or 0 to choose)",
                    e.getMessage());
        }
        Path empty = temp.newFolder("empty").toPath();
        try {
            factory.createTorrentFile(empty, List.of(), 0);
            fail();
        } catch (IOException e) {
            assertEquals("folder " + empty + " holds no regular files (expected: at least one)", e.getMessage());
        }
    }

    /** Keys out of order (as some clients write them): the infohash is over the bytes as they stand. */
    @Test
    public void infoHashIsOverTheInfoBytesAsTheyStand() throws Exception {
        String info = "d6:lengthi5e4:name1:a12:piece lengthi16384e6:pieces20:" + "x".repeat(20)
                + "7:privatei1ee"; // sorted
        String unsorted = "d4:name1:a6:lengthi5e12:piece lengthi16384e6:pieces20:" + "x".repeat(20)
                + "7:privatei1ee";
        for (String i : List.of(info, unsorted)) {
            byte[] torrent = ("d4:info" + i + "8:announce4:http" + "e").getBytes("ISO-8859-1");
            MetaInfo meta = factory.readTorrentFile(torrent);
            assertArrayEquals(MessageDigest.getInstance("SHA-1").digest(i.getBytes("ISO-8859-1")),
                    meta.infoHash().toByteArray());
            assertArrayEquals(i.getBytes("ISO-8859-1"), meta.infoBytes());
            assertTrue(meta.isPrivate());
            assertEquals(Optional.of("http"), meta.announce());
        }
    }

    private static void assertPiecesMatch(MetaInfo meta, byte[] data) throws Exception {
        for (int piece = 0; piece < meta.pieceCount(); piece++) {
            int from = piece * meta.pieceLength();
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(
                    Arrays.copyOfRange(data, from, from + meta.pieceLength(piece)));
            assertEquals("piece " + piece, ByteString.of(digest), meta.pieceHash(piece));
        }
        assertEquals(data.length, meta.totalLength());
    }

    private static void assertInfoHashIsSha1OfInfo(byte[] torrent, MetaInfo meta) throws Exception {
        SortedMap<?, ?> top = (SortedMap<?, ?>) Bencode.decode(torrent, MetaInfoReader.LIMITS);
        byte[] info = Bencode.encode(top.get(ByteString.utf8("info")));
        assertArrayEquals(MessageDigest.getInstance("SHA-1").digest(info), meta.infoHash().toByteArray());
        assertEquals(ByteString.utf8("Debswarm"), top.get(ByteString.utf8("created by")));
        assertFalse(top.containsKey(ByteString.utf8("creation date")));
        assertTrue(((Map<?, ?>) top.get(ByteString.utf8("info"))).containsKey(ByteString.utf8("piece length")));
    }
}
