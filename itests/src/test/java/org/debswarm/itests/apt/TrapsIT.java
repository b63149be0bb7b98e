package org.debswarm.itests.apt;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

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
 * The traps of a fleet's setup (docs/fleet.md, "Traps"), each made to happen on real nodes in network
 * namespaces ({@link Lan}), each seen as a warning in the node's {@code /debswarm/stats.json} and on the
 * console's overview page, logged once, and gone once the setting it names is changed:
 * <ul>
 * <li>host 1 runs the shared tracker on its LAN address but its node keeps the default loopback tracker URL: its
 * tracker withholds host 1's loopback address from host 2 (host 1's console says so);</li>
 * <li>host 2, in LAN mode, announces to that tracker, which therefore keeps answering with no peers while Local
 * Service Discovery found host 1 (host 2 says so);</li>
 * <li>host 3, not in LAN mode (its peer wire on loopback), announces to a tracker on another host, which is
 * moreover unreachable (host 2's tracker listens on loopback only): two warnings.</li>
 * </ul>
 */
public class TrapsIT {

    private static final Duration SEEN = Duration.ofSeconds(180);
    private static final String NODE_CFG = "org.debswarm.node.cfg";

    @Rule
    public final TemporaryFolder work = new TemporaryFolder();

    private LanNodes hosts;
    private Lan lan;
    private final List<NodeProcess> nodes = new ArrayList<>();

    @BeforeClass
    public static void toolsArePresent() {
        LanNodes.assumeTools();
    }

    @After
    public void stop() throws Exception {
        if (hosts != null) {
            hosts.close();
        }
    }

    @Test
    public void eachTrapIsShownWithItsSettingAndGoesWhenFixed() throws Exception {
        DebianArchive archive = DebianArchive.in(work.newFolder("archive").toPath()).deb("tiny", 5).publish();
        hosts = LanNodes.create("traps", 3, archive);
        lan = hosts.lan;
        String sharedTracker = "http://" + lan.address(1) + ":6969/announce";
        String deadTracker = "http://" + lan.address(2) + ":6969/announce";
        nodes.add(startNode(1, true, Map.of("org.apache.felix.http-tracker.cfg",
                "org.apache.felix.http.name=tracker\norg.apache.felix.http.host=0.0.0.0\n"
                        + "org.osgi.service.http.port=6969\n",
                "org.debswarm.tracker.cfg", "interval=30\nminInterval=30\n")));
        nodes.add(startNode(2, true, Map.of(NODE_CFG, "trackers=" + sharedTracker + "\n")));
        nodes.add(startNode(3, false, Map.of(NODE_CFG, "trackers=" + deadTracker + "\n")));

        String onLoopback = "loopback-peer-wire " + deadTracker;
        awaitWarnings(3, json -> json.contains(key(onLoopback)), onLoopback);

        for (int host : new int[] {2, 1, 3}) { // host 2's torrents first: it hears host 1's discovery announces
            Tools.Result update = hosts.apt(host, work.newFolder("apt" + host).toPath()).update();
            assertTrue(update.output(), update.ok());
        }
        String withheld = "tracker-loopback-peer";
        String noPeers = "tracker-no-peers " + sharedTracker;
        String unreachable = "tracker-unreachable " + deadTracker;
        String host1 = awaitWarnings(1, json -> json.contains(key(withheld)), withheld);
        assertTrue(host1, host1.contains("trackers (PID org.debswarm.node) on this host: the tracker's LAN address"));
        String host2 = awaitWarnings(2, json -> json.contains(key(noPeers)), noPeers);
        assertTrue(host2, host2.matches("(?s).*while Local Service Discovery found some on the LAN \\([1-9]\\d* addresses\\).*"));
        String host3 = awaitWarnings(3, json -> json.contains(key(unreachable)), unreachable);
        assertTrue(host3, host3.contains(key(onLoopback)));
        assertTrue(host3, host3.contains("\"setting\":\"lan= (an interface or CIDR) in PID org.debswarm.peerwire\""));
        String page = overview(3);
        assertTrue(page, page.contains("<h2>Setup warnings</h2>"));
        assertTrue(page, page.contains("data-key='" + unreachable + "'>Tracker " + deadTracker + " is unreachable"));
        assertTrue(page, page.contains("<b>Change:</b> trackers (PID org.debswarm.node)</p>"));
        assertTrue(page, page.contains("data-key='" + onLoopback + "'>"));
        for (String json : List.of(host1, host2, host3)) {
            System.out.println("TrapsIT: " + json.substring(json.indexOf("\"warnings\"")));
        }
        assertEquals("logged once", 1, warnings(3, "is unreachable"));
        assertEquals("logged once", 1, warnings(2, "keeps answering with no peers"));

        // the fixes: the tracker's host announces at its LAN address (host 2 then gets host 1 from the tracker);
        // host 3 leaves the trackers alone
        rewrite(1, NODE_CFG, "trackers=" + sharedTracker + "\n");
        rewrite(3, NODE_CFG, "trackers=\n");
        awaitWarnings(1, json -> json.contains("\"warnings\":[]"), "no warning left");
        awaitWarnings(2, json -> json.contains("\"warnings\":[]"), "no warning left");
        awaitWarnings(3, json -> json.contains("\"warnings\":[]"), "no warning left");
        assertTrue(overview(3), !overview(3).contains("Setup warnings"));
        assertTrue("host 2 said the tracker gives peers again",
                nodes.get(1).output().contains("Tracker " + sharedTracker + " gives peers for"));
    }

    private static String key(String key) {
        return "\"key\":\"" + key + "\"";
    }

    private long warnings(int host, String fragment) throws Exception {
        return nodes.get(host - 1).output().lines().filter(NodeProcess::isWarning).filter(l -> l.contains(fragment))
                .count();
    }

    private String overview(int host) throws Exception {
        String password = Files.readString(nodes.get(host - 1).home().resolve("etc/console-password")).strip();
        return lan.httpGet(host, "http://127.0.0.1:8080/system/console/debswarm", "admin", password);
    }

    /** Rewrites a file of the node's deploy/: FileInstall hands the change to ConfigAdmin. */
    private void rewrite(int host, String name, String content) throws Exception {
        Path file = nodes.get(host - 1).install().resolve("deploy").resolve(name);
        Path beside = file.resolveSibling(name + ".new");
        Files.writeString(beside, content);
        Files.move(beside, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** A node in host {@code host}, in LAN mode with the fleet's key or with its peer wire on loopback. */
    private NodeProcess startNode(int host, boolean lanMode, Map<String, String> extra) throws Exception {
        Map<String, String> deploy = new java.util.HashMap<>(extra);
        if (lanMode) {
            Path key = work.getRoot().toPath().resolve("fleet.key");
            if (!Files.exists(key)) {
                Files.writeString(key, "dHJhcHMgb2YgYSBmbGVldCwgMzIgYnl0ZXMgb2Yga2V5\n");
            }
            deploy.putAll(hosts.lanMode(key));
        }
        return hosts.start(host, work.newFolder("node" + host).toPath(), deploy);
    }

    /** Reads host {@code host}'s stats.json every 200 ms until {@code condition} holds (no event crosses hosts). */
    private String awaitWarnings(int host, Predicate<String> condition, String what) throws Exception {
        long end = System.nanoTime() + SEEN.toNanos();
        String last = "";
        while (System.nanoTime() < end) {
            try {
                last = lan.httpGet(host, "http://127.0.0.1:8080/debswarm/stats.json", null, null);
            } catch (java.io.IOException notYet) {
                last = "";
            }
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        String output = nodes.get(host - 1).output();
        throw new AssertionError("host " + host + ": no " + what + " within " + SEEN + "; its warnings: "
                + last.substring(Math.max(0, last.indexOf("\"warnings\""))) + "\nthe end of its node's output:\n"
                + output.substring(Math.max(0, output.length() - 6000)));
    }
}
