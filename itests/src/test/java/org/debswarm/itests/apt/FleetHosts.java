package org.debswarm.itests.apt;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.debswarm.itests.Lan;
import org.debswarm.itests.NodeProcess;

/**
 * A fleet as an administrator deploys it, on the hosts of a {@link Lan}: each node in LAN mode with the fleet's
 * key file, its mirror allowed and its keyring given, nothing else. Shared by {@link FleetIT} and
 * {@link FleetBench}. The caller owns the nodes it starts, and closes them.
 */
final class FleetHosts {

    /** The fleet's key, as the admin hands it to every host: one file of 32 random bytes in base64. */
    static final String FLEET_KEY = "ZmxlZXQga2V5IG9mIEZsZWV0SVQsIDMyIGJ5dGVzIQ==";

    private final Lan lan;
    private final MirrorServer mirror;
    private final DebianArchive archive;
    private final Path work;
    private String aptDemand;

    FleetHosts(Lan lan, MirrorServer mirror, DebianArchive archive, Path work) {
        this.lan = lan;
        this.mirror = mirror;
        this.archive = archive;
        this.work = work;
    }

    /**
     * Nodes started from now on give a peer 30 s without a new byte before the mirror fills the rest, not the
     * default 3 s: on a loaded machine a peer can be slow that long without being gone, and a test that counts
     * the mirror's requests must not count that fallback. (Benchmarks keep the default.)
     */
    FleetHosts patientWithPeers() {
        this.aptDemand = "stallSeconds=30\n";
        return this;
    }

    /** Starts host {@code host}'s node on its data in {@code dir}, with the fleet's key; waits until it serves. */
    NodeProcess start(int host, Path dir) throws Exception {
        return start(host, dir, key("fleet.key", FLEET_KEY));
    }

    /** {@link #start(int, Path)} with another key file. */
    NodeProcess start(int host, Path dir, Path key) throws Exception {
        Map<String, String> deploy = new java.util.HashMap<>(Map.of(
                "org.debswarm.aptlistener.cfg", "allowedMirrors=" + mirror.authority() + "\n"
                        + "mirrorKeyrings=" + mirror.authority() + "=" + archive.root.resolveSibling("archive-keyring.gpg")
                        + "\nindexDeadline=30\ndebDeadline=120\n",
                "org.debswarm.peerwire.cfg", "lan=" + lan.cidr() + "\nfleetKeyFile=" + key + "\n"));
        if (aptDemand != null) {
            deploy.put("org.debswarm.node.apt.cfg", aptDemand);
        }
        NodeProcess node = NodeProcess.startIn(lan.in(host, List.of()), dir, deploy);
        try {
            awaitServing(lan, mirror, host, node, true);
        } catch (Exception | AssertionError e) {
            node.close(); // the caller gets no node to close
            throw e;
        }
        return node;
    }

    /**
     * The node on host {@code host} serves the mirror's Release, and with {@code lanMode} its peer wire is in LAN
     * mode: FileInstall applies deploy/'s configuration a moment after the apt port first answers (the node starts
     * on its embedded defaults), and a test of a fleet means nodes as configured.
     */
    static void awaitServing(Lan lan, MirrorServer mirror, int host, NodeProcess node, boolean lanMode)
            throws Exception {
        node.awaitStarted(Duration.ofSeconds(90));
        if (lanMode) {
            node.awaitLine(0, "LAN mode: the peer wire listens on", Duration.ofSeconds(60));
        }
        String release = "http://127.0.0.1:9988/" + mirror.authority() + "/" + DebianArchive.DISTS + "/Release";
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int status = -1;
        while (status != 200 && System.nanoTime() < end) { // another process: no event to wait on
            status = lan.httpStatus(host, release, null, null);
            if (status != 200) {
                Thread.sleep(200);
            }
        }
        if (status != 200) {
            throw new AssertionError("host " + host + "'s node does not serve the mirror (" + status + "); output:\n"
                    + node.output() + "\nthreads:\n" + node.threadDump());
        }
    }

    /** A key file named {@code name} in the work folder, written once. */
    Path key(String name, String base64) throws IOException {
        Path file = work.resolve(name);
        if (!Files.exists(file)) {
            Files.writeString(file, base64 + "\n");
        }
        return file;
    }

    /** apt's sources.list line for the archive through the host's own node. */
    String sourceThroughNode() {
        return "deb [signed-by=" + archive.keyring + "] http://127.0.0.1:9988/" + mirror.authority() + "/debian "
                + DebianArchive.SUITE + " main";
    }

    /** apt's sources.list line for the archive straight from the mirror (no Debswarm). */
    String sourceDirect() {
        return "deb [signed-by=" + archive.keyring + "] http://" + mirror.authority() + "/debian "
                + DebianArchive.SUITE + " main";
    }

    /** A torrent's name and connected peers in stats.json (its object holds flat nested objects only). */
    private static final java.util.regex.Pattern TORRENT_PEERS = java.util.regex.Pattern.compile(
            "\"name\":\"([^\"]*)\"[^{}]*(?:\\{[^{}]*\\}[^{}]*)*\"connectedPeers\":(\\d+)");

    /**
     * Waits until a Packages torrent of host {@code host} (not the content swarm, whose peers are connected from
     * the node's start) has a connected peer: the torrent's own peers, as apt's packages are asked of them first.
     */
    void awaitTorrentPeer(int host, NodeProcess node, Duration deadline) throws Exception {
        awaitTorrent(lan, host, (name, peers) -> !name.equals("content swarm") && peers > 0,
                "no torrent with a connected peer", deadline);
    }

    /**
     * Reads host {@code host}'s stats.json every 200 ms (another process: no event crosses hosts) until a torrent's
     * name and connected peers match; on the deadline, fails with {@code what} and the last stats.json.
     */
    static void awaitTorrent(Lan lan, int host, java.util.function.BiPredicate<String, Long> matches, String what,
            Duration deadline) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        String json = "";
        while (System.nanoTime() < end) {
            try {
                json = lan.httpGet(host, "http://127.0.0.1:8080/debswarm/stats.json", null, null);
            } catch (IOException notYet) {
                json = "";
            }
            java.util.regex.Matcher m = TORRENT_PEERS.matcher(json);
            while (m.find()) {
                if (matches.test(m.group(1), Long.parseLong(m.group(2)))) {
                    return;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("host " + host + ": " + what + " within " + deadline + "; stats.json: " + json);
    }

    /**
     * Reads host {@code host}'s node totals every 200 ms until {@code condition} holds (no event crosses hosts);
     * on the deadline, fails with the end of the node's output.
     */
    Map<String, Long> awaitTotals(int host, NodeProcess node, Predicate<Map<String, Long>> condition, String what,
                                  Duration deadline) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        Map<String, Long> last = Map.of();
        while (System.nanoTime() < end) {
            last = totals(host);
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        String output = node.output();
        String tail = output.substring(Math.max(0, output.length() - 6000));
        throw new AssertionError("host " + host + ": no " + what + " within " + deadline + ": " + last
                + "\nthe end of its node's output:\n" + tail);
    }

    /** Host {@code host}'s node totals now (empty if its console does not answer). */
    Map<String, Long> totals(int host) throws IOException {
        try {
            return NodeTotals.nodeFields(lan.httpGet(host, "http://127.0.0.1:8080/debswarm/stats.json", null, null));
        } catch (IOException notYet) {
            return Map.of();
        }
    }
}
