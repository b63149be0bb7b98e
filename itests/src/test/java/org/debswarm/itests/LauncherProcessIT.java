package org.debswarm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The real bin/debswarm, started as a person starts it. */
public class LauncherProcessIT {

    @Rule
    public TemporaryFolder work = new TemporaryFolder();

    @Test
    public void consoleRefusesAnonymousAndDefaultCredentialsAndAcceptsTheGeneratedPassword() throws Exception {
        try (NodeProcess node = NodeProcess.start(work.getRoot().toPath())) {
            String banner = node.awaitStarted(Duration.ofSeconds(60));
            Path passwordFile = node.home().resolve("etc/console-password");
            assertTrue("the banner says where the password is:\n" + banner, banner.contains(passwordFile.toString()));
            assertEquals("owner-only password file", Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                    Files.getPosixFilePermissions(passwordFile));
            String password = Files.readString(passwordFile).strip();

            assertEquals(401, node.httpStatus("/system/console/bundles", null, null));
            assertEquals(401, node.httpStatus("/system/console/bundles", "admin", "admin"));
            assertEquals(200, node.httpStatus("/system/console/bundles", "admin", password));
            // the guard (boot/) is there before the apt and tracker ports open; ConsoleGuardIT tries every spelling
            for (int other : new int[] {node.aptPort(), node.trackerPort()}) {
                assertEquals("the console only on its own port, not on " + other, 404,
                        node.awaitStatus(other, "/system/console/bundles", "admin", password, 404,
                                Duration.ofSeconds(30)));
            }

            assertEquals("SIGTERM stops the node cleanly", 143, node.stop(Duration.ofSeconds(30)));
        }
    }

    @Test
    public void everyListeningPortIsOnLoopbackOnlyAndTheComponentsPageAnswers() throws Exception {
        assumeTrue("needs Linux's /proc/net/tcp", Files.isReadable(Path.of("/proc/net/tcp")));
        try (NodeProcess node = NodeProcess.start(work.getRoot().toPath())) {
            node.awaitStarted(Duration.ofSeconds(60));
            String password = Files.readString(node.home().resolve("etc/console-password")).strip();
            assertEquals("the DS plugin of the console", 200,
                    node.httpStatus("/system/console/components", "admin", password));

            Set<Integer> ports = Set.of(node.consolePort(), node.aptPort(), node.trackerPort(),
                    peerWirePort(node.install()));
            List<InetSocketAddress> listening = ListeningSockets.await(node.process().pid(), ports,
                    Duration.ofSeconds(30));
            for (InetSocketAddress socket : listening) {
                assertTrue(socket + " listens on loopback only", socket.getAddress().isLoopbackAddress());
            }
            assertEquals(143, node.stop(Duration.ofSeconds(30)));
        }
    }

    /** The port NodeProcess gave the peer wire, from the configuration it wrote into the copy's deploy/. */
    private static int peerWirePort(Path install) throws IOException {
        Matcher port = Pattern.compile("(?m)^port=(\\d+)$")
                .matcher(Files.readString(install.resolve("deploy/org.debswarm.peerwire.cfg")));
        assertTrue("the peer wire's port is configured", port.find());
        return Integer.parseInt(port.group(1));
    }

    @Test
    public void theGeneratedPasswordIsKeptAcrossRestarts() throws Exception {
        Path workDir = work.getRoot().toPath();
        String first;
        try (NodeProcess node = NodeProcess.start(workDir)) {
            node.awaitStarted(Duration.ofSeconds(60));
            first = Files.readString(node.home().resolve("etc/console-password")).strip();
            assertEquals(143, node.stop(Duration.ofSeconds(30)));
        }
        try (NodeProcess again = NodeProcess.start(workDir)) {
            again.awaitStarted(Duration.ofSeconds(60));
            assertEquals(first, Files.readString(again.home().resolve("etc/console-password")).strip());
            assertEquals(200, again.httpStatus("/system/console/bundles", "admin", first));
            assertEquals(143, again.stop(Duration.ofSeconds(30)));
        }
    }

    /**
     * The TCP sockets a process listens on, as Linux shows them: the socket inodes among its open files
     * ({@code /proc/PID/fd}) matched with the LISTEN rows of {@code /proc/net/tcp} and {@code tcp6}.
     */
    static final class ListeningSockets {

        private static final String LISTEN = "0A";

        private ListeningSockets() {
        }

        /**
         * Waits until the process listens on every one of {@code ports} and returns all its listening sockets. An
         * outside process sends no event when its bundles have opened their ports, so this looks again every
         * 100 ms until the deadline.
         */
        static List<InetSocketAddress> await(long pid, Set<Integer> ports, Duration deadline) throws Exception {
            long end = System.nanoTime() + deadline.toNanos();
            List<InetSocketAddress> sockets = of(pid);
            while (!portsOf(sockets).containsAll(ports)) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("not listening on all of " + ports + " within " + deadline + ": "
                            + sockets);
                }
                Thread.sleep(100);
                sockets = of(pid);
            }
            return sockets;
        }

        static List<InetSocketAddress> of(long pid) throws IOException {
            Set<String> inodes = socketInodes(pid);
            List<InetSocketAddress> sockets = new ArrayList<>();
            for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] field = line.trim().split("\\s+");
                    if (field.length > 9 && LISTEN.equals(field[3]) && inodes.contains(field[9])) {
                        sockets.add(address(field[1]));
                    }
                }
            }
            return sockets;
        }

        private static Set<Integer> portsOf(List<InetSocketAddress> sockets) {
            Set<Integer> ports = new HashSet<>();
            sockets.forEach(s -> ports.add(s.getPort()));
            return ports;
        }

        /** The inodes of the process's sockets: its descriptors link to {@code socket:[INODE]}. */
        private static Set<String> socketInodes(long pid) throws IOException {
            Set<String> inodes = new HashSet<>();
            try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                for (Path fd : (Iterable<Path>) fds::iterator) {
                    try {
                        String target = Files.readSymbolicLink(fd).toString();
                        if (target.startsWith("socket:[")) {
                            inodes.add(target.substring(8, target.length() - 1));
                        }
                    } catch (IOException closedMeanwhile) {
                        // a descriptor closed between the listing and the read
                    }
                }
            }
            return inodes;
        }

        /** {@code 0100007F:1F90}: the address in 32-bit words of host (little-endian) order, the port big-endian. */
        static InetSocketAddress address(String hex) throws IOException {
            int colon = hex.indexOf(':');
            byte[] bytes = HexFormat.of().parseHex(hex.substring(0, colon));
            for (int word = 0; word < bytes.length; word += 4) {
                for (int i = 0; i < 2; i++) {
                    byte b = bytes[word + i];
                    bytes[word + i] = bytes[word + 3 - i];
                    bytes[word + 3 - i] = b;
                }
            }
            // an IPv4-mapped IPv6 address (::ffff:127.0.0.1) comes back as the Inet4Address it maps
            int port = Integer.parseInt(hex.substring(colon + 1), 16);
            return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
        }
    }
}
