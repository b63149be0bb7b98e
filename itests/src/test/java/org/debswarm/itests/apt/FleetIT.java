package org.debswarm.itests.apt;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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

    private final ExecutorService aptRuns = Executors.newFixedThreadPool(3, r -> new Thread(r, "fleet-apt"));
    private Lan lan;
    private MirrorServer mirror;
    private FleetHosts fleet;
    private final List<NodeProcess> nodes = new ArrayList<>();

    @BeforeClass
    public static void toolsArePresent() {
        assumeTrue("network namespaces need root and iproute2", Lan.available());
        assumeTrue("apt-get, dpkg-deb, xz, gpg and curl are needed",
                Tools.available("apt-get", "dpkg-deb", "xz", "gpg", "gpgconf", "curl"));
    }

    @After
    public void stop() throws Exception {
        aptRuns.shutdownNow();
        if (!aptRuns.awaitTermination(30, TimeUnit.SECONDS)) {
            System.err.println("FleetIT: apt runs still going after 30 s");
        }
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
        fleet = new FleetHosts(lan, mirror, archive, work.getRoot().toPath()).patientWithPeers();
        for (int host = 1; host <= 3; host++) {
            nodes.add(fleet.start(host, work.newFolder("node" + host).toPath()));
        }
        for (int host = 1; host <= 3; host++) {
            AptClient apt = new AptClient(work.newFolder("apt" + host).toPath(), fleet.sourceThroughNode(), null)
                    .through(lan.in(host, List.of()));
            Tools.Result update = apt.update();
            assertTrue(update.output(), update.ok());
            if (host > 1) {
                fleet.awaitTorrentPeer(host, nodes.get(host - 1), CONNECTED);
            }
            Path into = work.newFolder("got" + host).toPath();
            Tools.Result download = apt.download(into, PACKAGES.toArray(String[]::new));
            assertTrue(download.output(), download.ok());
            assertIdentical(archive, into, host);
        }
        for (String name : PACKAGES) {
            assertEquals(name + " sent once by the mirror: " + mirror.log(), 1, mirror.gets(archive.path(name)));
        }
        // index files too (issue 13 item 6): the Packages index, asked for by its by-hash name, comes from a peer
        Map<String, Long> byHash = mirror.log().stream().map(line -> line.split(" ")[1])
                .filter(path -> path.contains("/by-hash/"))
                .collect(java.util.stream.Collectors.groupingBy(path -> path, java.util.stream.Collectors.counting()));
        assertFalse("apt asked for index files by hash: " + mirror.log(), byHash.isEmpty());
        byHash.forEach((path, gets) -> assertEquals(path + " sent once by the mirror: " + mirror.log(), 1L,
                (long) gets));
    }

    /**
     * Three hosts download at once; the node that fetches the big package from the mirror is killed (SIGKILL)
     * mid-transfer. The other two still end with byte-identical packages, and the killed node, started again on
     * its own data, serves its apt.
     */
    @Test
    public void hostsAtOnceFinishVerifiedWhenTheMirrorsFetcherIsKilledAndItRecovers() throws Exception {
        DebianArchive archive = DebianArchive.in(work.newFolder("archive").toPath())
                .deb("tiny", 5).deb("small", 60).deb("medium", 700).deb("big", 3 * 1024).publish();
        lan = Lan.create(3);
        mirror = MirrorServer.on(archive.root, lan.gateway());
        fleet = new FleetHosts(lan, mirror, archive, work.getRoot().toPath());
        List<Path> homes = new ArrayList<>();
        List<AptClient> apts = new ArrayList<>();
        for (int host = 1; host <= 3; host++) {
            homes.add(work.newFolder("node" + host).toPath());
            nodes.add(fleet.start(host, homes.get(host - 1)));
        }
        for (int host = 1; host <= 3; host++) {
            AptClient apt = new AptClient(work.newFolder("apt" + host).toPath(), fleet.sourceThroughNode(), null)
                    .through(lan.in(host, List.of()));
            Tools.Result update = apt.update();
            assertTrue(update.output(), update.ok());
            apts.add(apt);
        }
        for (int host = 1; host <= 3; host++) {
            fleet.awaitTorrentPeer(host, nodes.get(host - 1), CONNECTED);
        }
        String big = archive.path("big");
        mirror.slow(big);
        List<CompletableFuture<Tools.Result>> downloads = new ArrayList<>();
        for (int host = 1; host <= 3; host++) {
            AptClient apt = apts.get(host - 1);
            Path into = work.newFolder("got" + host).toPath();
            downloads.add(CompletableFuture.supplyAsync(() -> download(apt, into), aptRuns));
        }
        mirror.whenSent(big, 256 * 1024).get(120, TimeUnit.SECONDS);
        String fetcher = mirror.requesters(big).get(0);
        int victim = hostAt(fetcher);
        nodes.get(victim - 1).process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        mirror.fast(big);
        for (int host = 1; host <= 3; host++) {
            if (host != victim) {
                Tools.Result result = downloads.get(host - 1).get(180, TimeUnit.SECONDS);
                assertTrue("host " + host + " after host " + victim + " was killed: " + result.output(), result.ok());
                assertIdentical(archive, work.getRoot().toPath().resolve("got" + host), host);
            }
        }
        downloads.get(victim - 1).get(180, TimeUnit.SECONDS); // failed or not: its node died under it
        nodes.set(victim - 1, fleet.start(victim, homes.get(victim - 1)));
        Path again = work.newFolder("again").toPath();
        Tools.Result recovered = download(apts.get(victim - 1), again);
        assertTrue("the killed host after its node's restart: " + recovered.output(), recovered.ok());
        assertIdentical(archive, again, victim);
        System.out.println("FleetIT: mirror GETs per package with a kill: " + PACKAGES.stream()
                .map(p -> p + "=" + mirror.gets(archive.path(p))).toList());
    }

    /**
     * Host 3 is in LAN mode with another key: it never joins the fleet. It gets every package from the mirror and
     * gives nothing; hosts 1 and 2 exchange as usual.
     */
    @Test
    public void aNodeWithoutTheKeyGetsNothingAndGivesNothing() throws Exception {
        DebianArchive archive = DebianArchive.in(work.newFolder("archive").toPath())
                .deb("tiny", 5).deb("small", 60).deb("medium", 700).deb("big", 3 * 1024).publish();
        long set = 0;
        for (String name : PACKAGES) {
            set += Files.size(archive.file(name));
        }
        lan = Lan.create(3);
        mirror = MirrorServer.on(archive.root, lan.gateway());
        fleet = new FleetHosts(lan, mirror, archive, work.getRoot().toPath()).patientWithPeers();
        nodes.add(fleet.start(1, work.newFolder("node1").toPath()));
        nodes.add(fleet.start(2, work.newFolder("node2").toPath()));
        nodes.add(fleet.start(3, work.newFolder("node3").toPath(),
                fleet.key("other.key", "YW5vdGhlciBmbGVldCdzIGtleSwgbm90IHRoaXMgb25l")));
        for (int host : new int[] {1, 3, 2}) {
            AptClient apt = new AptClient(work.newFolder("apt" + host).toPath(), fleet.sourceThroughNode(), null)
                    .through(lan.in(host, List.of()));
            assertTrue(apt.update().ok());
            if (host == 2) {
                fleet.awaitTorrentPeer(2, nodes.get(1), CONNECTED);
            }
            Path into = work.newFolder("got" + host).toPath();
            Tools.Result download = apt.download(into, PACKAGES.toArray(String[]::new));
            assertTrue(download.output(), download.ok());
            assertIdentical(archive, into, host);
        }
        long all = set;
        Map<String, Long> outsider = awaitTotals(3, t -> t.getOrDefault("fromMirrors", 0L) >= all, "the set from the mirror");
        assertEquals("the keyless host got nothing from peers: " + outsider, 0L, (long) outsider.get("fromPeers"));
        assertEquals("and gave nothing: " + outsider, 0L, (long) outsider.getOrDefault("uploaded", 0L));
        Map<String, Long> member = awaitTotals(2, t -> t.getOrDefault("fromPeers", 0L) >= all, "the set from peers");
        // and, when its content swarm was connected already as its apt updated, the by-hash Packages.xz too
        long byHash = Files.size(archive.root.resolve(archive.byHashPath("Packages.xz")));
        long fromPeers = member.get("fromPeers");
        assertTrue("host 2 had the set from host 1 (perhaps with the " + byHash + " bytes of Packages.xz): " + member,
                fromPeers == all || fromPeers == all + byHash);
        for (String name : PACKAGES) {
            assertEquals(name + ": once for host 1, once for the keyless host 3: " + mirror.log(), 2,
                    mirror.gets(archive.path(name)));
        }
    }

    private static Tools.Result download(AptClient apt, Path into) {
        try {
            return apt.download(into, Duration.ofSeconds(180), PACKAGES.toArray(String[]::new));
        } catch (Exception e) {
            return new Tools.Result(-1, e.toString());
        }
    }

    private int hostAt(String address) {
        for (int host = 1; host <= 3; host++) {
            if (lan.address(host).equals(address)) {
                return host;
            }
        }
        throw new AssertionError(address + " is no host of the LAN");
    }

    private static void assertIdentical(DebianArchive archive, Path into, int host) throws Exception {
        for (String name : PACKAGES) {
            assertArrayEquals(name + " on host " + host, Files.readAllBytes(archive.file(name)),
                    Files.readAllBytes(into.resolve(name + "_1.0_all.deb")));
        }
    }

    private Map<String, Long> awaitTotals(int host, Predicate<Map<String, Long>> condition, String what)
            throws Exception {
        return fleet.awaitTotals(host, nodes.get(host - 1), condition, what, CONNECTED);
    }
}
