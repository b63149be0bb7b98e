package org.debswarm.itests.apt;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.Before;
import org.junit.Test;

/**
 * Offline: after a first {@code apt-get update} and {@code apt-get install --download-only} through a real node,
 * the mirror stops. With apt's own lists and archives emptied, {@code apt-get update} and the same install still
 * succeed, in both apt forms: the node answers from its cached InRelease and indices (apt checks the signature
 * and {@code Valid-Until} itself) and its stored packages, and its log says it is serving offline.
 */
public class OfflineIT extends NodeWithMirrorSupport {

    @Before
    public void start() throws Exception {
        archive = DebianArchive.in(work.newFolder("archive").toPath()).deb("hello", 20).deb("big", 2048).publish();
        mirror = new MirrorServer(archive.root);
        node = AptNode.start(work.newFolder("node").toPath(), mirror);
    }

    @Test
    public void withTheMirrorStoppedUpdateAndInstallOfCachedPackagesSucceed() throws Exception {
        Path prefixDir = work.newFolder("apt1").toPath();
        Path proxyDir = work.newFolder("apt2").toPath();
        AptClient prefix = new AptClient(prefixDir, AptNode.prefixSource(node, mirror, archive), null);
        AptClient proxy = new AptClient(proxyDir, AptNode.mirrorSource(mirror, archive), AptNode.proxy(node));
        for (AptClient apt : new AptClient[] {prefix, proxy}) {
            Tools.Result update = apt.update();
            assertTrue(update.output(), update.ok());
            Tools.Result install = apt.installDownloadOnly("hello", "big");
            assertTrue(install.output(), install.ok());
        }

        mirror.close();
        for (AptClient apt : new AptClient[] {prefix, proxy}) {
            forget(apt.archives());
        }
        forget(prefixDir.resolve("state/lists"));
        forget(proxyDir.resolve("state/lists"));

        for (AptClient apt : new AptClient[] {prefix, proxy}) {
            Tools.Result update = apt.update();
            assertTrue(update.output(), update.ok());
            assertFalse("no error or warning: " + update.output(), update.output().contains("W:")
                    || update.output().contains("E:") || update.output().contains("Err:"));
            Tools.Result install = apt.installDownloadOnly("hello", "big");
            assertTrue(install.output(), install.ok());
            for (String name : new String[] {"hello", "big"}) {
                assertArrayEquals(name, Files.readAllBytes(archive.file(name)),
                        Files.readAllBytes(apt.archives().resolve(name + "_1.0_all.deb")));
            }
        }
        assertTrue("the log says the node serves offline:\n" + node.output(), node.output().contains("serving offline"));
    }

    /** Deletes the files apt keeps in a folder (lists or archives), leaving the folder and its partial/. */
    private static void forget(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                if (!f.getFileName().toString().equals("lock")) {
                    Files.delete(f);
                }
            }
        }
    }
}
