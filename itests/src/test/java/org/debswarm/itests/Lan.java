package org.debswarm.itests;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Separate hosts on one machine: each host is a network namespace with an {@code eth0} (a veth) on one bridge
 * in the test's own namespace, which holds the LAN's first address (where a test's mirror listens). Traffic
 * stays on the bridge: the namespaces have no route beyond their /24, and the bridge is not connected to any
 * interface of the machine. Everything made is deleted by {@link #close}, and by a shutdown hook if the test
 * JVM ends first; leftovers of a run killed before either (namespaces named after a process no longer
 * running) are deleted by the next run.
 *
 * <p>Needs root and {@code ip} (iproute2); {@link #available()} tells.
 */
public final class Lan implements AutoCloseable {

    private static final String FAMILY = "dslan";

    private final String prefix;
    private final int subnet;
    private final List<String> namespaces = new ArrayList<>();
    private final Thread hook;

    private Lan(String prefix, int subnet) {
        this.prefix = prefix;
        this.subnet = subnet;
        this.hook = new Thread(this::deleteQuietly, prefix + "-cleanup");
    }

    /** @return whether namespaces can be made here: root, with {@code ip} on the path */
    public static boolean available() {
        try {
            return "0".equals(run(List.of("id", "-u")).strip()) && run(List.of("ip", "netns", "list")) != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** Makes {@code hostCount} hosts on a new bridge; host numbers start at 1. */
    public static Lan create(int hostCount) throws IOException {
        return create(FAMILY, hostCount);
    }

    /**
     * As {@link #create(int)}, with namespaces and the bridge named {@code <family><pid>...}: a test whose hosts
     * must be told apart from other tests' on the same machine names its own family (lower-case letters).
     */
    public static Lan create(String family, int hostCount) throws IOException {
        if (!family.matches("[a-z]{1,8}")) {
            throw new IllegalArgumentException("family " + family + " (expected: 1 to 8 lower-case letters)");
        }
        deleteLeftovers(family);
        long pid = ProcessHandle.current().pid() % 100_000;
        Lan lan = new Lan(family + pid, (int) Math.floorMod(pid + family.hashCode(), 250) + 1);
        Runtime.getRuntime().addShutdownHook(lan.hook);
        try {
            lan.build(hostCount);
        } catch (IOException | RuntimeException e) {
            lan.close();
            throw e;
        }
        return lan;
    }

    private void build(int hostCount) throws IOException {
        String bridge = prefix + "br";
        // snooping off: multicast floods as on a plain switch (with snooping and no querier, a host whose
        // membership report the bridge missed never hears Local Service Discovery)
        run(List.of("ip", "link", "add", bridge, "type", "bridge", "mcast_snooping", "0"));
        run(List.of("ip", "addr", "add", gateway() + "/24", "dev", bridge));
        run(List.of("ip", "link", "set", bridge, "up"));
        for (int i = 1; i <= hostCount; i++) {
            String ns = prefix + "h" + i;
            String veth = prefix + "v" + i;
            run(List.of("ip", "netns", "add", ns));
            namespaces.add(ns);
            run(List.of("ip", "link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns));
            run(List.of("ip", "link", "set", veth, "master", bridge, "up"));
            run(List.of("ip", "-n", ns, "addr", "add", address(i) + "/24", "dev", "eth0"));
            run(List.of("ip", "-n", ns, "link", "set", "eth0", "up"));
            run(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
        }
    }

    /** @return the name of host {@code i}'s namespace */
    public String host(int i) {
        return namespaces.get(i - 1);
    }

    /** @return host {@code i}'s address on the LAN */
    public String address(int i) {
        return "10.231." + subnet + "." + (10 + i);
    }

    /** @return the LAN's /24, for settings that take a CIDR */
    public String cidr() {
        return "10.231." + subnet + ".0/24";
    }

    /** @return the test's own address on the LAN (the bridge's), where a mirror of the test listens */
    public String gateway() {
        return "10.231." + subnet + ".1";
    }

    /** @return {@code command}, to be run in host {@code i} */
    public List<String> in(int i, List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", host(i)));
        full.addAll(command);
        return full;
    }

    /**
     * Limits what the test's own address (the gateway, where a mirror listens) sends to the hosts to
     * {@code bytesPerSecond}, as a mirror's uplink: a token bucket ({@code tc tbf}) on the bridge's egress, which
     * traffic between two hosts does not cross.
     */
    public void limitFromGateway(long bytesPerSecond) throws IOException {
        run(List.of("tc", "qdisc", "add", "dev", prefix + "br", "root", "tbf", "rate", bytesPerSecond * 8 + "bit",
                "burst", "256kb", "latency", "200ms"));
    }

    /** Bytes host {@code i} has received on its LAN interface so far (payload and every header). */
    public long receivedBytes(int i) throws IOException {
        return Long.parseLong(run(in(i, List.of("cat", "/sys/class/net/eth0/statistics/rx_bytes"))).strip());
    }

    /** The status of a GET of {@code url} made from host {@code i} (-1: nothing answered). */
    public int httpStatus(int i, String url, String user, String password) throws IOException {
        List<String> curl = new ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                "--connect-timeout", "2", "--max-time", "10"));
        if (user != null) {
            curl.addAll(List.of("-u", user + ":" + password));
        }
        curl.add(url);
        String code = run(in(i, curl), true).strip();
        return code.isEmpty() || code.equals("000") ? -1 : Integer.parseInt(code);
    }

    /** The body of a GET of {@code url} made from host {@code i}. */
    public String httpGet(int i, String url, String user, String password) throws IOException {
        List<String> curl = new ArrayList<>(List.of("curl", "-sf", "--connect-timeout", "2", "--max-time", "10"));
        if (user != null) {
            curl.addAll(List.of("-u", user + ":" + password));
        }
        curl.add(url);
        return run(in(i, curl));
    }

    @Override
    public void close() {
        deleteQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs or ran
        }
    }

    private synchronized void deleteQuietly() {
        for (String ns : namespaces) {
            runQuietly(List.of("ip", "netns", "del", ns));
        }
        namespaces.clear();
        runQuietly(List.of("ip", "link", "del", prefix + "br"));
    }

    /** Namespaces and bridges of earlier runs whose process is gone (killed before its clean-up). */
    private static void deleteLeftovers(String family) throws IOException {
        Pattern ours = Pattern.compile("^" + family + "(\\d+)h\\d+\\b");
        for (String line : run(List.of("ip", "netns", "list")).split("\n")) {
            Matcher m = ours.matcher(line);
            if (m.find() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                runQuietly(List.of("ip", "netns", "del", line.split(" ")[0]));
                runQuietly(List.of("ip", "link", "del", family + m.group(1) + "br"));
            }
        }
    }

    private static void runQuietly(List<String> command) {
        try {
            run(command, true);
        } catch (IOException ignored) {
            // best effort: the thing may be gone already
        }
    }

    private static String run(List<String> command) throws IOException {
        return run(command, false);
    }

    /** Runs a short command with a 30 s deadline; its output, or an exception if it failed (unless tolerated). */
    private static String run(List<String> command, boolean tolerateFailure) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getInputStream().readAllBytes());
            } catch (IOException e) {
                return "(output unreadable: " + e + ")";
            }
        }, runnable -> new Thread(runnable, "lan-command-output").start());
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within 30 s");
            }
            String text = output.get(10, TimeUnit.SECONDS);
            if (process.exitValue() != 0 && !tolerateFailure) {
                throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ": " + text);
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("cannot read the output of " + String.join(" ", command), e);
        }
    }
}
