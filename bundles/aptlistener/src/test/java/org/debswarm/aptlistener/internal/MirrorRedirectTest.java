package org.debswarm.aptlistener.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Issue 15, F6: an allowed mirror (or anyone on its plain-HTTP path) answering 302 to a loopback service, here a
 * stand-in for the console's {@code /metrics}, must not make the apt port fetch, serve or cache it. The governor
 * follows a redirect only to a mirror of {@code allowedMirrors}, every hop checked.
 */
public class MirrorRedirectTest {

    private static final String METRICS = "debswarm_up 1\n";

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private ListenerRig rig;
    private MirrorServer console;

    @Before
    public void start() throws Exception {
        TestArchive archive = new TestArchive(folder.newFolder("mirror").toPath()).add("small", 3000, 1).publish();
        Path consoleRoot = folder.newFolder("console").toPath();
        Files.writeString(consoleRoot.resolve("metrics"), METRICS);
        console = new MirrorServer(consoleRoot);
        rig = new ListenerRig(archive, folder.newFolder("home").toPath(), Map.of());
    }

    @After
    public void stop() throws Exception {
        rig.close();
        console.close();
    }

    @Test
    public void aRedirectToLoopbackIsRefusedForIndexesAndPassThroughFiles() throws Exception {
        String metrics = "http://" + console.authority() + "/metrics";
        // an index, and a package no index lists (passed through)
        for (String path : new String[] {TestArchive.SUITE + "/InRelease",
            "debian/pool/main/u/unlisted/unlisted_1.0_all.deb"}) {
            rig.mirror.redirect("/" + path, metrics);
            RawHttp.Reply reply = rig.get(path);
            assertEquals(path, 502, reply.status());
            assertFalse(path, new String(reply.body(), StandardCharsets.UTF_8).contains("debswarm_up"));
        }
        assertEquals("the console was never asked", 0, console.count("/metrics"));

        // nothing was cached: once the mirror answers for itself, apt gets the mirror's file
        rig.mirror.heal("/" + TestArchive.SUITE + "/InRelease");
        RawHttp.Reply real = rig.get(TestArchive.SUITE + "/InRelease");
        assertEquals(200, real.status());
        assertArrayEquals(Files.readAllBytes(rig.archive.root.resolve(TestArchive.SUITE + "/InRelease")), real.body());
    }

    @Test
    public void aRedirectWithinTheAllowedMirrorsIsFollowed() throws Exception {
        rig.mirror.redirect("/debian/pool/main/m/moved/moved_1.0_all.deb", "http://" + rig.mirror.authority() + "/"
                + TestArchive.SUITE + "/Release");
        RawHttp.Reply reply = rig.get("debian/pool/main/m/moved/moved_1.0_all.deb");
        assertEquals(200, reply.status());
        assertArrayEquals(Files.readAllBytes(rig.archive.root.resolve(TestArchive.SUITE + "/Release")), reply.body());
    }

    @Test
    public void theRuleIsTheAllowList() {
        Settings settings = Settings.of(Configs.of(AptListenerConfiguration.class,
                Map.of("allowedMirrors", new String[] {"deb.debian.org", "127.0.0.1:3142"})));
        var request = settings.request(false, URI.create("http://deb.debian.org/debian/x")).build();
        assertTrue(request.redirectAllowed(URI.create("https://deb.debian.org/debian/x")));
        assertTrue(request.redirectAllowed(URI.create("http://127.0.0.1:3142/debian/x")));
        assertFalse(request.redirectAllowed(URI.create("http://127.0.0.1:8080/metrics")));
        assertFalse(request.redirectAllowed(URI.create("http://127.0.0.1/metrics")));
        assertFalse(request.redirectAllowed(URI.create("http://deb.debian.org:6969/stats.json")));
        assertFalse(request.redirectAllowed(URI.create("http://localhost:3142/")));
    }
}
