package org.debswarm.itests.apt;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.debswarm.itests.Lan;
import org.debswarm.itests.NodeProcess;
import org.junit.After;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A fleet on separate hosts: each host a network namespace on one bridge ({@link Lan}), running a real node
 * ({@code bin/debswarm}) and real apt; the mirror listens on the LAN's own address. The first host installs a
 * set of packages from the mirror; the next hosts, one after the other, get them from peers: the mirror sends
 * each package once in all.
 */
public class FleetIT {

    private static final List<String> PACKAGES = List.of("tiny", "small", "medium", "big");
    private static final Duration CONNECTED = Duration.ofSeconds(60);

    @Rule
    public final TemporaryFolder work = new TemporaryFolder();

    private Lan lan;
    private MirrorServer mirror;
    private final List<NodeProcess> nodes = new ArrayList<>();

    @BeforeClass
    public static void toolsArePresent() {
        assumeTrue("network namespaces need root and iproute2", Lan.available());
        assumeTrue("apt-get, dpkg-deb, xz, gpg and curl are needed",
                Tools.available("apt-get", "dpkg-deb", "xz", "gpg", "gpgconf", "curl"));
    }

    @After
    public void stop() throws Exception {
        for (NodeProcess node : nodes) {
            node.close();
        }
        if (mirror != null) {
            mirror.close();
        }
        if (lan != null) {
            lan.close();
        }
    }

    @Test
    public void hostsOneAfterAnotherGetEveryPackageFromPeersAndTheMirrorSendsEachOnce() throws Exception {
        DebianArchive archive = DebianArchive.in(work.newFolder("archive").toPath())
                .deb("tiny", 5).deb("small", 60).deb("medium", 700).deb("big", 3 * 1024).publish();
        lan = Lan.create(3);
        mirror = MirrorServer.on(archive.root, lan.gateway());
        for (int host = 1; host <= 3; host++) {
            nodes.add(startNode(host, archive));
        }
        for (int host = 1; host <= 3; host++) {
            AptClient apt = new AptClient(work.newFolder("apt" + host).toPath(), source(archive), null)
                    .through(lan.in(host, List.of()));
            Tools.Result update = apt.update();
            assertTrue(update.output(), update.ok());
            if (host > 1) {
                awaitTotals(host, t -> t.getOrDefault("connectedPeers", 0L) > 0, "a connected peer");
            }
            Path into = work.newFolder("got" + host).toPath();
            Tools.Result download = apt.download(into, PACKAGES.toArray(String[]::new));
            assertTrue(download.output(), download.ok());
            for (String name : PACKAGES) {
                assertArrayEquals(name + " on host " + host, Files.readAllBytes(archive.file(name)),
                        Files.readAllBytes(into.resolve(name + "_1.0_all.deb")));
            }
        }
        for (String name : PACKAGES) {
            assertEquals(name + " sent once by the mirror: " + mirror.log(), 1, mirror.gets(archive.path(name)));
        }
    }

    /** A node in host {@code host}, its peer wire on the LAN, announcing to the first host's tracker. */
    private NodeProcess startNode(int host, DebianArchive archive) throws Exception {
        String tracker = "http://" + lan.address(1) + ":6969/announce";
        Map<String, String> deploy = new java.util.HashMap<>(Map.of(
                "org.debswarm.aptlistener.cfg", "allowedMirrors=" + mirror.authority() + "\n"
                        + "mirrorKeyrings=" + mirror.authority() + "=" + archive.root.resolveSibling("archive-keyring.gpg")
                        + "\nindexDeadline=30\ndebDeadline=120\n",
                "org.debswarm.peerwire.cfg", "bindAddress=" + lan.address(host) + "\n",
                "org.debswarm.peerwire.node.cfg", "trackers=" + tracker + "\n"));
        if (host == 1) {
            deploy.put("org.apache.felix.http-tracker.cfg", "org.apache.felix.http.name=tracker\n"
                    + "org.apache.felix.http.host=" + lan.address(1) + "\norg.osgi.service.http.port=6969\n");
        }
        NodeProcess node = NodeProcess.startIn(lan.in(host, List.of()), work.newFolder("node" + host).toPath(), deploy);
        node.awaitStarted(Duration.ofSeconds(90));
        String release = "http://127.0.0.1:9988/" + mirror.authority() + "/" + DebianArchive.DISTS + "/Release";
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status = -1;
        while (status != 200 && System.nanoTime() < end) { // another process: no event to wait on
            status = lan.httpStatus(host, release, null, null);
            if (status != 200) {
                Thread.sleep(200);
            }
        }
        assertEquals("host " + host + "'s node serves the mirror; output:\n" + node.output(), 200, status);
        return node;
    }

    private String source(DebianArchive archive) {
        return "deb [signed-by=" + archive.keyring + "] http://127.0.0.1:9988/" + mirror.authority() + "/debian "
                + DebianArchive.SUITE + " main";
    }

    /** Reads host {@code host}'s node totals every 200 ms until {@code condition} holds (no event crosses hosts). */
    private Map<String, Long> awaitTotals(int host, Predicate<Map<String, Long>> condition, String what)
            throws Exception {
        long end = System.nanoTime() + CONNECTED.toNanos();
        Map<String, Long> last = Map.of();
        while (System.nanoTime() < end) {
            try {
                last = NodeTotals.nodeFields(lan.httpGet(host, "http://127.0.0.1:8080/debswarm/stats.json", null, null));
            } catch (java.io.IOException notYet) {
                last = Map.of();
            }
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("host " + host + ": no " + what + " within " + CONNECTED + ": " + last);
    }
}
