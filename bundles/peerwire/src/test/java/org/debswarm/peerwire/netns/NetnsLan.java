package org.debswarm.peerwire.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Separate hosts on one LAN, made of Linux network namespaces: a switch namespace {@code <prefix>-sw} holding a
 * bridge (multicast snooping off, so multicast floods as on a plain switch), and hosts {@code <prefix>-1} ..
 * {@code <prefix>-N}, each with a veth {@code eth0} on the bridge, {@code 10.77.0.<i>/24} and
 * {@code fd77::<i>/64}, and its own {@code lo}. Nothing is created in or routed to the machine's own namespace:
 * traffic stays between the namespaces. {@link #close} stops every process started in a host and deletes every
 * namespace (the veths and the bridge go with them); {@link #create} first deletes leftovers of a run that was
 * killed. Needs root and {@code ip}; {@link #available()} says whether they are there.
 *
 * <pre>{@code
 * try (NetnsLan lan = NetnsLan.create("fleet-lsd", 2)) {
 *     Process node = lan.host(1).start(List.of("java", "-cp", cp, "Main"), log);
 *     int exit = lan.host(2).run("ping", "-c1", lan.host(1).ipv4());
 * }
 * }</pre>
 */
public final class NetnsLan implements AutoCloseable {

    private static final long WAIT_SECONDS = 10;

    private final String prefix;
    private final List<Host> hosts = new ArrayList<>();

    private NetnsLan(String prefix) {
        this.prefix = prefix;
    }

    /** Whether this machine lets us make namespaces: root, with {@code ip} installed. */
    public static boolean available() {
        return "root".equals(System.getProperty("user.name"))
                && (Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")));
    }

    /**
     * Creates the switch and {@code count} hosts. {@code prefix} names everything (a worktree's name first, as
     * in {@code fleet-lsd}); at most 11 characters, so that interface names stay within Linux's 15.
     */
    public static NetnsLan create(String prefix, int count) throws IOException {
        if (prefix.length() > 11 || !prefix.matches("[a-z0-9-]+") || count < 1 || count > 200) {
            throw new IllegalArgumentException("prefix " + prefix + ", " + count + " hosts (expected: at most 11 of"
                    + " a-z0-9-, 1 to 200 hosts)");
        }
        NetnsLan lan = new NetnsLan(prefix);
        lan.deleteAll(count);
        try {
            ip("netns", "add", lan.switchName());
            in(lan.switchName(), "ip", "link", "add", "br0", "type", "bridge", "mcast_snooping", "0");
            in(lan.switchName(), "ip", "link", "set", "br0", "up");
            for (int i = 1; i <= count; i++) {
                lan.hosts.add(lan.addHost(i));
                lan.hosts.get(i - 1).connect(lan);
            }
        } catch (IOException | RuntimeException e) {
            lan.close();
            throw e;
        }
        return lan;
    }

    private String switchName() {
        return prefix + "-sw";
    }

    private Host addHost(int i) throws IOException {
        String name = prefix + "-" + i;
        ip("netns", "add", name);
        return new Host(name, i);
    }

    /** Host {@code i}, 1-based. */
    public Host host(int i) {
        return hosts.get(i - 1);
    }

    public List<Host> hosts() {
        return List.copyOf(hosts);
    }

    /** One host: a namespace with {@code eth0} on the LAN. */
    public static final class Host {
        private final String name;
        private final int index;
        private final List<Process> processes = new ArrayList<>();

        private Host(String name, int index) {
            this.name = name;
            this.index = index;
        }

        private void connect(NetnsLan lan) throws IOException {
            String outside = "v" + lan.prefix.replace("-", "") + index;
            String veth = outside.length() > 13 ? outside.substring(outside.length() - 13) : outside;
            ip("link", "add", veth + "a", "netns", name, "type", "veth", "peer", "name", veth + "b", "netns",
                    lan.switchName());
            in(name, "ip", "link", "set", veth + "a", "name", "eth0");
            in(name, "sysctl", "-q", "-w", "net.ipv6.conf.eth0.accept_dad=0");
            in(name, "ip", "addr", "add", ipv4() + "/24", "dev", "eth0");
            in(name, "ip", "-6", "addr", "add", ipv6() + "/64", "dev", "eth0", "nodad");
            in(name, "ip", "link", "set", "eth0", "up");
            in(name, "ip", "link", "set", "lo", "up");
            in(lan.switchName(), "ip", "link", "set", veth + "b", "master", "br0");
            in(lan.switchName(), "ip", "link", "set", veth + "b", "up");
        }

        /** The namespace's name, for {@code ip netns exec}. */
        public String name() {
            return name;
        }

        public String ipv4() {
            return "10.77.0." + index;
        }

        public String ipv6() {
            return "fd77::" + Integer.toHexString(index);
        }

        /**
         * Limits what this host sends on the LAN to {@code rate} ({@code tc} token bucket on {@code eth0}, e.g.
         * {@code "160mbit"} for a mirror's 20 MB/s uplink).
         */
        public void limitEgress(String rate) throws IOException {
            in(name, "tc", "qdisc", "add", "dev", "eth0", "root", "tbf", "rate", rate, "burst", "256kb", "latency",
                    "100ms");
        }

        /** Starts {@code command} in this host, output (stdout and stderr) to {@code log}; stopped by close. */
        public Process start(List<String> command, Path log) throws IOException {
            List<String> full = new ArrayList<>(List.of(ipBinary(), "netns", "exec", name));
            full.addAll(command);
            Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            processes.add(p);
            return p;
        }

        /** Runs {@code command} in this host and returns its exit code; a command still running after 10 s fails. */
        public int run(String... command) throws IOException {
            List<String> full = new ArrayList<>(List.of(ipBinary(), "netns", "exec", name));
            full.addAll(List.of(command));
            return exec(full);
        }

        private void stopAll() {
            for (Process p : processes) {
                p.destroy();
            }
            for (Process p : processes) {
                try {
                    if (!p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                        p.destroyForcibly().waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    p.destroyForcibly();
                }
            }
        }
    }

    /** Stops every process started in a host, then deletes every namespace of this LAN. */
    @Override
    public void close() throws IOException {
        hosts.forEach(Host::stopAll);
        deleteAll(hosts.size());
    }

    private void deleteAll(int count) throws IOException {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= Math.max(count, 1); i++) {
            names.add(prefix + "-" + i);
        }
        names.add(switchName());
        for (String n : names) {
            if (Files.exists(Path.of("/var/run/netns", n)) || Files.exists(Path.of("/run/netns", n))) {
                exec(List.of(ipBinary(), "netns", "del", n));
            }
        }
    }

    private static void ip(String... args) throws IOException {
        List<String> full = new ArrayList<>(List.of(ipBinary()));
        full.addAll(List.of(args));
        check(full);
    }

    private static void in(String namespace, String... command) throws IOException {
        List<String> full = new ArrayList<>(List.of(ipBinary(), "netns", "exec", namespace));
        full.addAll(List.of(command));
        check(full);
    }

    private static void check(List<String> command) throws IOException {
        int exit = exec(command);
        if (exit != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + exit);
        }
    }

    private static int exec(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect
                .DISCARD).start();
        try {
            if (!p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " still running after " + WAIT_SECONDS + " s");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        }
    }

    private static String ipBinary() {
        return Files.isExecutable(Path.of("/usr/sbin/ip")) ? "/usr/sbin/ip" : "/sbin/ip";
    }
}
