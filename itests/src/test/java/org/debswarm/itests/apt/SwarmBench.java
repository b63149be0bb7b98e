package org.debswarm.itests.apt;

import static org.debswarm.itests.apt.BenchSupport.load;
import static org.debswarm.itests.apt.BenchSupport.seconds;
import static org.debswarm.itests.apt.BenchSupport.size;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.debswarm.itests.Distribution;
import org.debswarm.itests.NodeProcess;

/**
 * The swarm benchmark of issue 6: one mirror limited to a fixed rate (20 MB/s), N real nodes (6) joined to the
 * first node's tracker, each with its own real apt, all downloading the same set of {@code .deb} files (300 MB of
 * random bytes, a mix of many small and a few large packages) at the same moment, or staggered. Prints the bytes
 * the mirror sent for {@code .deb} files divided by the set's size (target: at most 1.3), each node's time and
 * the last one's, and each node's bytes from peers and from the mirror as its statistics report them. Every
 * downloaded file is checked against the archive (SHA-256); a mismatch fails the run.
 * <p>
 * Run by {@code bench/swarm.sh} on the itests test classpath, with {@code -Ddebswarm.dist} naming the runtime's
 * distribution. Not a test (no {@code IT} suffix): the figures depend on the machine.
 */
public final class SwarmBench {

    private static final long MB = BenchSupport.MB;

    /** The command line: {@code --nodes 6 --total-mb 300 --rate-mb 20 --stagger 0 --keep}. */
    record Options(int nodes, long totalMb, long rateMb, double staggerSeconds, boolean keep) {
        static Options parse(String[] args) {
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("--keep")) {
                    given.put(name, "true");
                } else if (List.of("--nodes", "--total-mb", "--rate-mb", "--stagger").contains(name) && i + 1 < args.length) {
                    given.put(name, args[++i]);
                } else {
                    throw new IllegalArgumentException("unknown or incomplete option " + name + "; options: --nodes N "
                            + "--total-mb MB --rate-mb MB/s --stagger SECONDS --keep");
                }
            }
            Options o = new Options(Integer.parseInt(given.getOrDefault("--nodes", "6")),
                    Long.parseLong(given.getOrDefault("--total-mb", "300")),
                    Long.parseLong(given.getOrDefault("--rate-mb", "20")),
                    Double.parseDouble(given.getOrDefault("--stagger", "0")), given.containsKey("--keep"));
            if (o.nodes < 1 || o.nodes > 32 || o.totalMb < 1 || o.totalMb > 10_000 || o.rateMb < 1 || o.staggerSeconds < 0
                    || o.staggerSeconds > 600) {
                throw new IllegalArgumentException("out of range: " + o);
            }
            return o;
        }
    }

    /** One node of the run with its apt, and what its download gave. */
    private record Member(int index, NodeProcess node, AptClient apt, Path into) {
    }

    private final Options options;
    private final Path work;
    private final List<AutoCloseable> owned = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final NodeTotals totals = new NodeTotals();

    private SwarmBench(Options options, Path work) {
        this.options = options;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        SwarmBench bench = new SwarmBench(options, Files.createTempDirectory("debswarm-swarm-bench"));
        BenchSupport.runAndExit("swarm-bench", bench::run, bench::cleanUp);
    }

    private void run() throws Exception {
        System.out.printf("swarm: %d nodes, %d MB of .deb files, mirror limited to %d MB/s, stagger %.1f s; "
                + "%d cpus, load %s; work in %s%n", options.nodes, options.totalMb, options.rateMb, options.staggerSeconds,
                Runtime.getRuntime().availableProcessors(), load(), work);
        long made = System.nanoTime();
        Map<String, String> packages = new LinkedHashMap<>();
        DebianArchive archive = archive(packages);
        long setBytes = 0;
        for (String name : packages.keySet()) {
            setBytes += Files.size(archive.file(name));
        }
        System.out.printf("archive: %d packages, %d bytes (largest %d), made in %.1f s%n", packages.size(), setBytes,
                packages.keySet().stream().mapToLong(n -> size(archive.file(n))).max().orElse(0), seconds(made));

        MirrorServer mirror = MirrorServer.limited(archive.root, options.rateMb * MB);
        owned.add(mirror);
        List<Member> members = startNodes(archive, mirror);
        for (Member m : members) {
            Tools.Result update = m.apt.update();
            if (!update.ok()) {
                throw new AssertionError("apt-get update of node " + m.index + " failed:\n" + update.output());
            }
        }
        awaitMesh(members);

        long debsBefore = mirror.sent(p -> p.endsWith(".deb"));
        long[] finished = download(members, packages.keySet());
        long debsSent = mirror.sent(p -> p.endsWith(".deb")) - debsBefore;
        verify(members, packages);
        report(members, mirror, setBytes, debsSent, finished);
    }

    private DebianArchive archive(Map<String, String> packages) throws Exception {
        return BenchSupport.archive(work.resolve("archive"), "swarm", options.totalMb, 6, packages);
    }

    /** Starts the nodes at once (each waits for its own start, with deadlines) and joins them to node 0's tracker. */
    private List<Member> startNodes(DebianArchive archive, MirrorServer mirror) throws Exception {
        long started = System.nanoTime();
        ExecutorService starters = Executors.newFixedThreadPool(options.nodes);
        List<Future<NodeProcess>> starting = new ArrayList<>();
        try {
            for (int i = 0; i < options.nodes; i++) {
                Path nodeWork = Files.createDirectories(work.resolve("node" + i));
                starting.add(starters.submit(() -> AptNode.start(nodeWork, mirror)));
            }
            List<NodeProcess> nodes = new ArrayList<>();
            for (Future<NodeProcess> f : starting) {
                nodes.add(f.get(180, TimeUnit.SECONDS));
                owned.add(nodes.get(nodes.size() - 1));
            }
            String tracker = "http://127.0.0.1:" + nodes.get(0).trackerPort() + "/announce";
            List<Member> members = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                NodeProcess node = nodes.get(i);
                Path deploy = node.install().resolve("deploy");
                Files.writeString(deploy.resolve("org.debswarm.peerwire.cfg"), "port=" + Distribution.freePort() + "\n");
                Files.writeString(deploy.resolve("org.debswarm.node.cfg"), "trackers=" + tracker + "\n");
                AptClient apt = new AptClient(work.resolve("apt" + i), AptNode.prefixSource(node, mirror, archive), null);
                members.add(new Member(i, node, apt, work.resolve("got" + i)));
            }
            System.out.printf("nodes: %d started in %.1f s%n", nodes.size(), seconds(started));
            return members;
        } finally {
            starters.shutdownNow(); // a node whose start failed or was cut short is killed at exit, as a child
        }
    }

    /** Waits until every node is connected to every other (after apt-get update made and announced the torrent). */
    private void awaitMesh(List<Member> members) throws Exception {
        long start = System.nanoTime();
        long want = members.size() - 1;
        List<Long> seen = new ArrayList<>();
        for (Member m : members) {
            Map<String, Long> t = totals.await(m.node, f -> f.getOrDefault("connectedPeers", 0L) >= want,
                    Duration.ofSeconds(60));
            seen.add(t.getOrDefault("connectedPeers", -1L));
        }
        System.out.printf("peers connected per node after %.1f s: %s%s%n", seconds(start), seen,
                seen.stream().allMatch(c -> c >= want) ? "" : " (WARNING: not a full mesh within 60 s; running anyway)");
    }

    /** Starts each node's apt-get download (node i after i x stagger); returns each finish in ns after the start. */
    private long[] download(List<Member> members, java.util.Set<String> names) throws Exception {
        String[] packages = names.toArray(String[]::new);
        double worst = 2.0 * options.nodes * options.totalMb / options.rateMb + options.staggerSeconds * options.nodes;
        Duration deadline = Duration.ofSeconds((long) worst + 120);
        ScheduledExecutorService runner = Executors.newScheduledThreadPool(members.size());
        long start = System.nanoTime();
        long[] finished = new long[members.size()];
        List<CompletableFuture<Tools.Result>> results = new ArrayList<>();
        try {
            for (Member m : members) {
                CompletableFuture<Tools.Result> result = new CompletableFuture<>();
                results.add(result);
                runner.schedule(() -> {
                    try {
                        Tools.Result r = m.apt.download(m.into, deadline, packages);
                        finished[m.index] = System.nanoTime() - start;
                        System.out.printf("  node %d: apt finished after %.1f s%n", m.index, finished[m.index] / 1e9);
                        result.complete(r);
                    } catch (Throwable e) {
                        result.completeExceptionally(e);
                    }
                }, (long) (m.index * options.staggerSeconds * 1000), TimeUnit.MILLISECONDS);
            }
            for (Member m : members) {
                Tools.Result r = results.get(m.index).get(deadline.toSeconds() + 60, TimeUnit.SECONDS);
                if (!r.ok()) {
                    throw new AssertionError("apt-get download on node " + m.index + " failed:\n" + r.output());
                }
            }
        } finally {
            runner.shutdownNow();
            runner.awaitTermination(10, TimeUnit.SECONDS);
        }
        return finished;
    }

    /** Every package every apt downloaded is byte-identical to the archive's, by SHA-256. */
    private static void verify(List<Member> members, Map<String, String> packages) throws IOException {
        for (Member m : members) {
            BenchSupport.verify("node " + m.index, m.into, packages);
        }
        System.out.printf("verified: %d nodes x %d packages, each identical to the archive (SHA-256)%n", members.size(),
                packages.size());
    }

    private void report(List<Member> members, MirrorServer mirror, long setBytes, long debsSent, long[] finished)
            throws Exception {
        long debGets = mirror.log().stream().filter(l -> l.startsWith("GET ") && l.contains(".deb")).count();
        long ranges = mirror.log().stream().filter(l -> l.startsWith("GET ") && l.contains(".deb") && l.contains(" Range: "))
                .count();
        System.out.printf("mirror: %d bytes of .deb files sent in %d GETs (%d with Range) = %.2f x the set "
                + "(target <= 1.3)%n", debsSent, debGets, ranges, (double) debsSent / setBytes);
        long last = java.util.Arrays.stream(finished).max().orElse(0);
        System.out.printf("time until the last node finished: %.1f s (one node alone at %d MB/s: %.1f s)%n", last / 1e9,
                options.rateMb, (double) setBytes / (options.rateMb * MB));
        System.out.println("node  started  apt done  took     from peers    from mirror       uploaded");
        for (Member m : members) {
            Map<String, Long> t = totals.await(m.node,
                    f -> f.getOrDefault("fromPeers", 0L) + f.getOrDefault("fromMirrors", 0L) >= setBytes,
                    Duration.ofSeconds(30));
            double startedAt = m.index * options.staggerSeconds;
            System.out.printf("%4d  %6.1fs  %7.1fs  %5.1fs  %13d  %13d  %13d%n", m.index, startedAt, finished[m.index] / 1e9,
                    finished[m.index] / 1e9 - startedAt, t.getOrDefault("fromPeers", -1L),
                    t.getOrDefault("fromMirrors", -1L), t.getOrDefault("uploaded", -1L));
        }
        System.out.println("(the statistics are sampled every few seconds: a figure read at the 30 s deadline may lag)");
        System.out.println("load after: " + load());
    }

    /**
     * Stops every node and the mirror, kills any other process this one started (a node whose start was cut short,
     * an apt-get left by a failure), then deletes the work folder (unless --keep). Runs once, at exit.
     */
    private void cleanUp() {
        BenchSupport.cleanUp(owned, work, options.keep);
    }
}
