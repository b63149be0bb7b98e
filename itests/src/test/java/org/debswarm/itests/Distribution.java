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

    public static Path root() {
        String dist = System.getProperty("debswarm.dist");
        if (dist == null) {
            throw new IllegalStateException("system property debswarm.dist is not set (run through Maven failsafe)");
        }
        return Path.of(dist);
    }

    /** The jars of one folder of the distribution (boot, bundle or deploy), in name order. */
    public static List<Path> jars(String folder) {
        try (Stream<Path> files = Files.list(root().resolve(folder))) {
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
