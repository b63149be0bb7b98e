package org.debswarm.itests.apt;

import static org.debswarm.itests.apt.BenchSupport.MB;
import static org.debswarm.itests.apt.BenchSupport.load;
import static org.debswarm.itests.apt.BenchSupport.seconds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.debswarm.itests.Lan;
import org.debswarm.itests.NodeProcess;

/**
 * The fleet benchmark of issue 13: N hosts (8) in network namespaces on one bridge, a mirror on the bridge's own
 * address whose uplink to the hosts is limited to a fixed rate by {@code tc} (20 MB/s), a set of {@code .deb}
 * files (200 MB, many small and a few large). Three runs in one go, each from empty stores:
 * <ol>
 * <li>without Debswarm: every host's apt fetches the set straight from the mirror, all at once;</li>
 * <li>one host alone through its own Debswarm node;</li>
 * <li>the fleet: a node on every host, deployed as docs/fleet.md says (LAN mode and the fleet's key, nothing
 * else), every apt at once.</li>
 * </ol>
 * Prints what the mirror sent (index files included) divided by the set (target at most 1.05), what each host
 * received on its LAN interface divided by the set (target at most 1.1: headers, peer traffic and index files all
 * count), and each host's wall time against one host alone and against the run without Debswarm. Every file apt
 * downloaded is checked against the archive (SHA-256); a mismatch fails the run.
 * <p>
 * Run by {@code bench/fleet.sh} (root: namespaces and tc). Not a test: the figures depend on the machine.
 */
public final class FleetBench {

    /** The command line: {@code --hosts 8 --total-mb 200 --rate-mb 20 --keep}. */
    record Options(int hosts, long totalMb, long rateMb, boolean keep) {
        static Options parse(String[] args) {
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (name.equals("--keep")) {
                    given.put(name, "true");
                } else if (List.of("--hosts", "--total-mb", "--rate-mb").contains(name) && i + 1 < args.length) {
                    given.put(name, args[++i]);
                } else {
                    throw new IllegalArgumentException("unknown or incomplete option " + name
                            + "; options: --hosts N --total-mb MB --rate-mb MB/s --keep");
                }
            }
            Options o = new Options(Integer.parseInt(given.getOrDefault("--hosts", "8")),
                    Long.parseLong(given.getOrDefault("--total-mb", "200")),
                    Long.parseLong(given.getOrDefault("--rate-mb", "20")), given.containsKey("--keep"));
            if (o.hosts < 2 || o.hosts > 16 || o.totalMb < 1 || o.totalMb > 5_000 || o.rateMb < 1) {
                throw new IllegalArgumentException("out of range: " + o);
            }
            return o;
        }
    }

    /** What one host's apt run gave: wall time, and the bytes its LAN interface received meanwhile. */
    private record HostRun(int host, double seconds, long received) {
    }

    private final Options options;
    private final Path work;
    private final List<AutoCloseable> owned = new CopyOnWriteArrayList<>();
    private final Map<String, String> packages = new LinkedHashMap<>();
    private Lan lan;
    private MirrorServer mirror;
    private FleetHosts fleet;
    private long setBytes;

    private FleetBench(Options options, Path work) {
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
        if (!Lan.available()) {
            System.err.println("needs root and iproute2 (network namespaces, tc)");
            System.exit(2);
        }
        FleetBench bench = new FleetBench(options, Files.createTempDirectory("debswarm-fleet-bench"));
        BenchSupport.runAndExit("fleet-bench", bench::run, bench::cleanUp);
    }

    private void run() throws Exception {
        System.out.printf("fleet: %d hosts, %d MB of .deb files, mirror uplink limited to %d MB/s (tc); %d cpus, "
                        + "load %s; work in %s%n", options.hosts, options.totalMb, options.rateMb,
                Runtime.getRuntime().availableProcessors(), load(), work);
        long made = System.nanoTime();
        DebianArchive archive = BenchSupport.archive(work.resolve("archive"), "fleet", options.totalMb, 13, packages);
        setBytes = packages.keySet().stream().mapToLong(n -> BenchSupport.size(archive.file(n))).sum();
        System.out.printf("archive: %d packages, %d bytes, made in %.1f s%n", packages.size(), setBytes, seconds(made));
        lan = Lan.create(options.hosts);
        owned.add(lan);
        mirror = MirrorServer.on(archive.root, lan.gateway());
        owned.add(mirror);
        lan.limitFromGateway(options.rateMb * MB);
        fleet = new FleetHosts(lan, mirror, archive, work);

        long before = mirror.sent(p -> true);
        List<HostRun> direct = runAll("direct", fleet.sourceDirect(), hostRange(1, options.hosts));
        long directSent = mirror.sent(p -> true) - before;

        before = mirror.sent(p -> true);
        List<NodeProcess> aloneNode = startNodes("alone", hostRange(1, 1));
        List<HostRun> alone = runAll("alone", fleet.sourceThroughNode(), hostRange(1, 1));
        long aloneSent = mirror.sent(p -> true) - before;
        closeAll(aloneNode);

        before = mirror.sent(p -> true);
        List<NodeProcess> nodes = startNodes("fleet", hostRange(1, options.hosts));
        List<HostRun> swarm = runAll("fleet", fleet.sourceThroughNode(), hostRange(1, options.hosts));
        long fleetSent = mirror.sent(p -> true) - before;
        report(direct, directSent, alone.get(0), aloneSent, swarm, fleetSent, nodes);
    }

    private static List<Integer> hostRange(int from, int to) {
        List<Integer> hosts = new ArrayList<>();
        for (int h = from; h <= to; h++) {
            hosts.add(h);
        }
        return hosts;
    }

    /** Starts a fresh node on each host at once, each with its own data folder under {@code run}. */
    private List<NodeProcess> startNodes(String run, List<Integer> hosts) throws Exception {
        long started = System.nanoTime();
        ExecutorService starters = Executors.newFixedThreadPool(hosts.size());
        try {
            List<Future<NodeProcess>> starting = new ArrayList<>();
            for (int host : hosts) {
                Path dir = Files.createDirectories(work.resolve(run).resolve("node" + host));
                starting.add(starters.submit(() -> fleet.start(host, dir)));
            }
            List<NodeProcess> nodes = new ArrayList<>();
            for (Future<NodeProcess> f : starting) {
                NodeProcess node = f.get(240, TimeUnit.SECONDS);
                owned.add(node);
                nodes.add(node);
            }
            System.out.printf("%s: %d nodes started in %.1f s%n", run, nodes.size(), seconds(started));
            return nodes;
        } finally {
            starters.shutdownNow(); // a node whose start failed is killed at exit, as a child
        }
    }

    private void closeAll(List<NodeProcess> nodes) throws Exception {
        for (NodeProcess node : nodes) {
            node.close();
            owned.remove(node);
        }
    }

    /**
     * Every host's apt: {@code apt-get update}, then all at once {@code apt-get download} of the whole set; the
     * time and LAN bytes counted are the download's. Checks every file.
     */
    private List<HostRun> runAll(String run, String source, List<Integer> hosts) throws Exception {
        List<AptClient> apts = new ArrayList<>();
        for (int host : hosts) {
            AptClient apt = new AptClient(work.resolve(run).resolve("apt" + host), source, null)
                    .through(lan.in(host, List.of()));
            Tools.Result update = apt.update();
            if (!update.ok()) {
                throw new AssertionError(run + ", host " + host + ": apt-get update failed:\n" + update.output());
            }
            apts.add(apt);
        }
        String[] names = packages.keySet().toArray(String[]::new);
        Duration deadline = Duration.ofSeconds(2L * hosts.size() * options.totalMb / options.rateMb + 180);
        ExecutorService runners = Executors.newFixedThreadPool(hosts.size());
        try {
            List<CompletableFuture<HostRun>> runs = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                int host = hosts.get(i);
                AptClient apt = apts.get(i);
                Path into = work.resolve(run).resolve("got" + host);
                long receivedBefore = lan.receivedBytes(host);
                runs.add(CompletableFuture.supplyAsync(() -> download(run, host, apt, into, names, deadline,
                        receivedBefore), runners));
            }
            List<HostRun> done = new ArrayList<>();
            for (CompletableFuture<HostRun> r : runs) {
                done.add(r.get(deadline.toSeconds() + 60, TimeUnit.SECONDS));
            }
            for (int host : hosts) {
                BenchSupport.verify(run + ", host " + host, work.resolve(run).resolve("got" + host), packages);
            }
            return done;
        } finally {
            runners.shutdownNow();
            runners.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private HostRun download(String run, int host, AptClient apt, Path into, String[] names, Duration deadline,
                             long receivedBefore) {
        try {
            long start = System.nanoTime();
            Tools.Result result = apt.download(into, deadline, names);
            double took = seconds(start);
            if (!result.ok()) {
                throw new AssertionError(run + ", host " + host + ": apt-get download failed:\n" + result.output());
            }
            System.out.printf("  %s, host %d: apt finished after %.1f s%n", run, host, took);
            return new HostRun(host, took, lan.receivedBytes(host) - receivedBefore);
        } catch (Exception e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    private void report(List<HostRun> direct, long directSent, HostRun alone, long aloneSent, List<HostRun> swarm,
                        long fleetSent, List<NodeProcess> nodes) throws Exception {
        double set = setBytes;
        System.out.println();
        System.out.printf("set: %d bytes in %d packages; the mirror's uplink %d MB/s%n", setBytes, packages.size(),
                options.rateMb);
        System.out.printf("mirror sent, index files included:  without Debswarm %.2f x the set (%d hosts);  "
                + "one node alone %.2f x;  the fleet %.3f x (target <= 1.05)%n", directSent / set, direct.size(),
                aloneSent / set, fleetSent / set);
        double directLast = direct.stream().mapToDouble(HostRun::seconds).max().orElse(0);
        double fleetLast = swarm.stream().mapToDouble(HostRun::seconds).max().orElse(0);
        System.out.printf("last host done:  without Debswarm %.1f s;  one node alone %.1f s;  the fleet %.1f s "
                + "(%.2f x alone, %.2f x without Debswarm)%n", directLast, alone.seconds(), fleetLast,
                fleetLast / alone.seconds(), fleetLast / directLast);
        System.out.println("host  fleet took  x alone  x direct  LAN received / set  from peers     from mirror");
        for (HostRun r : swarm) {
            Map<String, Long> t = settledTotals(r.host(), nodes.get(r.host() - 1));
            HostRun d = direct.get(r.host() - 1);
            System.out.printf("%4d  %9.1fs  %7.2f  %8.2f  %18.3f  %13d  %13d%n", r.host(), r.seconds(),
                    r.seconds() / alone.seconds(), r.seconds() / d.seconds(), r.received() / set,
                    t.getOrDefault("fromPeers", -1L), t.getOrDefault("fromMirrors", -1L));
        }
        double worst = swarm.stream().mapToDouble(r -> r.received() / set).max().orElse(0);
        System.out.printf("LAN bytes received per host / set: worst %.3f (target <= 1.1; the host that fetched "
                + "from the mirror counts those bytes too)%n", worst);
        System.out.println("load after: " + load() + "; nodes still up: " + nodes.size());
    }

    /** The node's totals once its sampled statistics count the whole set, or as they are after 30 s. */
    private Map<String, Long> settledTotals(int host, NodeProcess node) throws Exception {
        try {
            return fleet.awaitTotals(host, node,
                    t -> t.getOrDefault("fromPeers", 0L) + t.getOrDefault("fromMirrors", 0L) >= setBytes,
                    "statistics counting the whole set", Duration.ofSeconds(30));
        } catch (AssertionError lagging) {
            return fleet.totals(host);
        }
    }

    /** Stops every node, the mirror and the LAN, kills any process left, deletes the work folder (unless --keep). */
    private void cleanUp() {
        BenchSupport.cleanUp(owned, work, options.keep);
    }
}
