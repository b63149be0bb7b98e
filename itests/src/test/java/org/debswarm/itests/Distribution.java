package org.debswarm.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The runtime's distribution as the build assembled it: the one source of the bundles a node runs. */
public final class Distribution {

    private Distribution() {
    }

    /** The full node's distribution. */
    public static Path root() {
        return fromProperty("debswarm.dist");
    }

    /** The tracker-only node's distribution. */
    public static Path trackerRoot() {
        return fromProperty("debswarm.tracker.dist");
    }

    private static Path fromProperty(String name) {
        String dist = System.getProperty(name);
        if (dist == null) {
            throw new IllegalStateException("system property " + name + " is not set (run through Maven failsafe)");
        }
        return Path.of(dist);
    }

    /** The jars of one folder of the full node's distribution (boot, bundle or deploy), in name order. */
    public static List<Path> jars(String folder) {
        return jars(root(), folder);
    }

    public static List<Path> jars(Path distribution, String folder) {
        try (Stream<Path> files = Files.list(distribution.resolve(folder))) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
