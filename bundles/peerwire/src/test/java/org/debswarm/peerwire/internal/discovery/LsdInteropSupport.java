package org.debswarm.peerwire.internal.discovery;

import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.debswarm.peerwire.internal.LsdNode;
import org.debswarm.peerwire.netns.NetnsLan;
import org.debswarm.rfc822.internal.DefaultControlParser;
import org.debswarm.torrent.MetaInfo;
import org.debswarm.torrent.internal.DefaultTorrentFactory;
import org.junit.Before;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;

/**
 * What the LSD interoperability tests share: a standard torrent of two random files, our engine as a process
 * in a namespace host ({@link LsdNode}), and every log for the failure message.
 */
abstract class LsdInteropSupport {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    Path content;
    Path torrentFile;
    MetaInfo meta;

    @Before
    public void torrentAndNamespaces() throws Exception {
        assumeTrue("needs root and ip(8) for network namespaces", NetnsLan.available());
        content = folder.newFolder("content").toPath();
        Random random = new Random(5);
        for (int i = 0; i < 2; i++) {
            byte[] bytes = new byte[200_000 * (i + 1) + 7];
            random.nextBytes(bytes);
            Files.write(content.resolve("file" + i), bytes);
        }
        DefaultTorrentFactory factory = new DefaultTorrentFactory(new DefaultControlParser());
        byte[] torrent = factory.createTorrentFile(content, List.of(), 64 * 1024);
        meta = factory.readTorrentFile(torrent);
        torrentFile = folder.getRoot().toPath().resolve("lsd.torrent");
        Files.write(torrentFile, torrent);
    }

    Process engine(NetnsLan.Host host, String role, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx96m", "-cp", System.getProperty("java.class.path"), LsdNode.class.getName(),
                role, folder.getRoot().toPath().resolve(role).toString(), host.ipv4(), torrentFile.toString()));
        command.addAll(List.of(extra));
        return host.start(command, folder.getRoot().toPath().resolve(role + ".log"));
    }

    /** Asserts that {@code dir} holds every file of the torrent, byte for byte. */
    void assertEveryFile(Path dir) throws IOException {
        for (int i = 0; i < 2; i++) {
            org.junit.Assert.assertArrayEquals("file" + i, Files.readAllBytes(content.resolve("file" + i)),
                    Files.readAllBytes(dir.resolve("file" + i)));
        }
    }

    /** Where an engine run as {@code role} stores the torrent. */
    Path stored(String role) {
        return folder.getRoot().toPath().resolve(role).resolve("torrents").resolve(meta.infoHash().toHex());
    }

    String logs() throws IOException {
        StringBuilder out = new StringBuilder();
        try (var files = Files.list(folder.getRoot().toPath())) {
            for (Path log : files.filter(p -> p.toString().endsWith(".log")).toList()) {
                out.append("\n== ").append(log.getFileName()).append('\n').append(Files.readString(log));
            }
        }
        return out.toString();
    }
}
