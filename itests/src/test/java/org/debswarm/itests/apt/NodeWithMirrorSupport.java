package org.debswarm.itests.apt;

import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.debswarm.itests.NodeProcess;
import org.junit.After;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;

/**
 * What an end-to-end test of one real node in front of test mirrors shares: the tools it needs, its folder, the
 * node and the mirrors, each stopped after the test ({@link #mirror} and any added with {@link #alsoClose}).
 */
abstract class NodeWithMirrorSupport {

    @Rule
    public final TemporaryFolder work = new TemporaryFolder();

    DebianArchive archive;
    MirrorServer mirror;
    NodeProcess node;
    private final List<MirrorServer> others = new ArrayList<>();

    @BeforeClass
    public static void toolsArePresent() {
        assumeTrue("apt-get, dpkg-deb, xz and gpg are needed", Tools.available("apt-get", "dpkg-deb", "xz", "gpg", "gpgconf"));
    }

    /** Stops {@code other} after the test too. */
    MirrorServer alsoClose(MirrorServer other) {
        others.add(other);
        return other;
    }

    /**
     * Writes {@code deploy/<pid>.cfg} of the node about to start in {@code nodeDir} (FileInstall applies it at
     * start) and returns the folder.
     */
    static Path configure(Path nodeDir, String pid, String lines) throws Exception {
        Path deploy = Files.createDirectories(nodeDir.resolve("install/deploy"));
        Files.writeString(deploy.resolve(pid + ".cfg"), lines);
        return nodeDir;
    }


    @After
    public void stopNodeAndMirrors() throws Exception {
        if (node != null) {
            node.close();
        }
        if (mirror != null) {
            mirror.close();
        }
        for (MirrorServer m : others) {
            m.close();
        }
    }
}
