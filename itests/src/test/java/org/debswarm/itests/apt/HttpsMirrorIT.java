package org.debswarm.itests.apt;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Before;
import org.junit.Test;

/**
 * An allowed mirror marked {@code https://}: apt talks plain HTTP to the node in both forms, the node fetches over
 * TLS through the governor, checking the mirror's certificate against a throwaway CA trusted only through the
 * governor's {@code trustedCertificates} (never the system); the files are stored like any other. A second https
 * mirror whose certificate no trusted CA signed is refused: apt gets a 502 that says why.
 */
public class HttpsMirrorIT extends NodeWithMirrorSupport {

    private MirrorServer untrusted;

    @Before
    public void start() throws Exception {
        archive = DebianArchive.in(work.newFolder("archive").toPath()).deb("hello", 20).publish();
        TestCa ca = TestCa.create(work.newFolder("ca").toPath());
        mirror = MirrorServer.tls(archive.root, ca.signedServer("mirror"));
        untrusted = alsoClose(MirrorServer.tls(archive.root, ca.selfSignedServer("untrusted")));
        Path nodeDir = work.newFolder("node").toPath();
        configure(nodeDir, "org.debswarm.governor", "trustedCertificates=" + ca.caPem + "\n");
        Path keyring = archive.root.resolveSibling("archive-keyring.gpg");
        node = AptNode.start(nodeDir, mirror, "https://" + mirror.authority() + ", https://" + untrusted.authority(),
                "mirrorKeyrings=" + mirror.authority() + "=" + keyring + "\n");
    }

    @Test
    public void bothAptFormsReachAnHttpsMirrorThroughTheNode() throws Exception {
        AptClient prefix = new AptClient(work.newFolder("apt1").toPath(), AptNode.prefixSource(node, mirror, archive), null);
        updateAndDownload(prefix, "prefix");
        AptClient proxy = new AptClient(work.newFolder("apt2").toPath(), AptNode.mirrorSource(mirror, archive),
                AptNode.proxy(node));
        updateAndDownload(proxy, "proxy");
        assertEquals("stored once, served from the store the second time: " + mirror.log(), 1,
                mirror.gets(archive.path("hello")));
        assertTrue("stored like any other file", Files.isRegularFile(node.home().resolve("mirrors")
                .resolve(mirror.authority()).resolve(archive.path("hello"))));
    }

    @Test
    public void aCertificateNoTrustedAuthoritySignedIsRefusedWith502() throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + node.aptPort() + "/"
                + untrusted.authority() + "/" + DebianArchive.DISTS + "/InRelease").toURL().openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(60000);
        try {
            assertEquals(502, c.getResponseCode());
            String body = new String(c.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(body, body.contains("TLS"));
        } finally {
            c.disconnect();
        }
        assertTrue("no request reached the untrusted mirror's HTTP layer: " + untrusted.log(), untrusted.log().isEmpty());
    }

    private void updateAndDownload(AptClient apt, String name) throws Exception {
        Tools.Result update = apt.update();
        assertTrue(update.output(), update.ok());
        assertFalse("signed InRelease accepted: " + update.output(), update.output().contains("W:"));
        Path into = work.newFolder(name).toPath();
        Tools.Result download = apt.download(into, "hello");
        assertTrue(download.output(), download.ok());
        assertArrayEquals(Files.readAllBytes(archive.file("hello")), Files.readAllBytes(into.resolve("hello_1.0_all.deb")));
    }
}
