package org.debswarm.itests.apt;

import static org.junit.Assume.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.debswarm.itests.Lan;
import org.debswarm.itests.NodeProcess;

/**
 * Real nodes on the hosts of a {@link Lan}, with the test's mirror on the LAN's own address: what the tests of a
 * fleet share. {@link #close} stops every node, the mirror and the LAN, in that order.
 */
final class LanNodes implements AutoCloseable {

    final Lan lan;
    final MirrorServer mirror;
    final DebianArchive archive;
    private final List<NodeProcess> nodes = new ArrayList<>();

    private LanNodes(Lan lan, MirrorServer mirror, DebianArchive archive) {
        this.lan = lan;
        this.mirror = mirror;
        this.archive = archive;
    }

    /** Skips the test where namespaces or the tools of a test archive are missing. */
    static void assumeTools() {
        assumeTrue("network namespaces need root and iproute2", Lan.available());
        assumeTrue("apt-get, dpkg-deb, xz, gpg and curl are needed",
                Tools.available("apt-get", "dpkg-deb", "xz", "gpg", "gpgconf", "curl"));
    }

    /** {@code hosts} hosts named {@code family...} (see {@link Lan#create(String, int)}), the mirror serving {@code archive}. */
    static LanNodes create(String family, int hosts, DebianArchive archive) throws Exception {
        Lan lan = Lan.create(family, hosts);
        try {
            return new LanNodes(lan, MirrorServer.on(archive.root, lan.gateway()), archive);
        } catch (Exception | Error e) {
            lan.close();
            throw e;
        }
    }

    /** The settings of LAN mode with the fleet's key in {@code key}: the peer wire's configuration file. */
    Map<String, String> lanMode(Path key) {
        return Map.of("org.debswarm.peerwire.cfg", "lan=" + lan.cidr() + "\nfleetKeyFile=" + key + "\n");
    }

    /**
     * Starts a node in host {@code host} with its data in {@code dir}, the mirror allowed and {@code deploy} added
     * to its deploy/; returns once it serves the mirror's Release and, when {@code deploy} turns LAN mode on, once
     * its peer wire is in LAN mode ({@link FleetHosts#awaitServing}).
     */
    NodeProcess start(int host, Path dir, Map<String, String> deploy) throws Exception {
        Map<String, String> files = new HashMap<>(deploy);
        files.put("org.debswarm.aptlistener.cfg", "allowedMirrors=" + mirror.authority() + "\nmirrorKeyrings="
                + mirror.authority() + "=" + archive.root.resolveSibling("archive-keyring.gpg") + "\n");
        NodeProcess node = NodeProcess.startIn(lan.in(host, List.of()), dir, files);
        nodes.add(node);
        FleetHosts.awaitServing(lan, mirror, host, node,
                files.getOrDefault("org.debswarm.peerwire.cfg", "").contains("lan="));
        return node;
    }

    /**
     * Waits until host {@code host}'s node has {@code peers} connected peers in the content swarm, which every node
     * joins at its start: the fleet has formed.
     */
    void awaitContentPeers(int host, int peers, Duration deadline) throws Exception {
        FleetHosts.awaitTorrent(lan, host, (name, connected) -> name.equals("content swarm") && connected >= peers,
                "not " + peers + " content swarm peers", deadline);
    }

    /** The node started {@code i}-th (from 1). */
    NodeProcess node(int i) {
        return nodes.get(i - 1);
    }

    /** An apt of host {@code host}, with its state in {@code dir}, pointed at the host's node. */
    AptClient apt(int host, Path dir) throws Exception {
        String source = "deb [signed-by=" + archive.keyring + "] http://127.0.0.1:9988/" + mirror.authority()
                + "/debian " + DebianArchive.SUITE + " main";
        return new AptClient(dir, source, null).through(lan.in(host, List.of()));
    }

    @Override
    public void close() throws Exception {
        for (NodeProcess node : nodes) {
            node.close();
        }
        mirror.close();
        lan.close();
    }
}
