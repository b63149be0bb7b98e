package org.debswarm.itests.apt;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.debswarm.itests.NodeProcess;

/** Starts a real node whose apt listener proxies the test's mirror. */
final class AptNode {

    static final String PID = "org.debswarm.aptlistener";

    private AptNode() {
    }

    /**
     * Writes the listener's configuration into the node's {@code deploy/} (FileInstall applies it at start;
     * {@link NodeProcess#start} copies the distribution over it and leaves extra files alone), starts the node
     * and waits until the listener serves the mirror. The node trusts the key that signed the mirror's archive
     * ({@link DebianArchive#keyring}, next to the mirror's folder) for that mirror, as apt's {@code signed-by}
     * does: without it the node would make no torrents and store nothing from the archive.
     */
    static NodeProcess start(Path work, MirrorServer mirror) throws Exception {
        Path keyring = mirror.root().resolveSibling("archive-keyring.gpg");
        return start(work, mirror, "mirrorKeyrings=" + mirror.authority() + "=" + keyring + "\n");
    }

    /**
     * {@link #start(Path, MirrorServer)} with other configuration lines (key rings among them) instead of the
     * mirror's own key ring.
     */
    static NodeProcess start(Path work, MirrorServer mirror, String configuration) throws Exception {
        return start(work, mirror, mirror.authority() + ", deb.debian.org", configuration);
    }

    /** {@link #start(Path, MirrorServer, String)} with the listener's {@code allowedMirrors} as given. */
    static NodeProcess start(Path work, MirrorServer mirror, String allowedMirrors, String configuration)
            throws Exception {
        Path deploy = Files.createDirectories(work.resolve("install/deploy"));
        Files.writeString(deploy.resolve(PID + ".cfg"), "allowedMirrors=" + allowedMirrors + "\n"
                + "indexDeadline=30\ndebDeadline=120\n" + configuration);
        NodeProcess node = NodeProcess.start(work);
        node.awaitStarted(Duration.ofSeconds(60));
        awaitServing(node, mirror, Duration.ofSeconds(30));
        return node;
    }

    /** @return the sources.list line of the URL prefix form */
    static String prefixSource(NodeProcess node, MirrorServer mirror, DebianArchive archive) {
        return "deb [signed-by=" + archive.keyring + "] http://127.0.0.1:" + node.aptPort() + "/" + mirror.authority()
                + "/debian " + DebianArchive.SUITE + " main";
    }

    /** @return the sources.list line of the forward-proxy form: the mirror itself */
    static String mirrorSource(MirrorServer mirror, DebianArchive archive) {
        return mirrorSource(mirror, archive, DebianArchive.SUITE);
    }

    /** @return the forward-proxy form's line for another suite of the archive ({@link DebianArchive#publishSuite}) */
    static String mirrorSource(MirrorServer mirror, DebianArchive archive, String suite) {
        return "deb [signed-by=" + archive.keyring + "] http://" + mirror.authority() + "/debian " + suite + " main";
    }

    /** @return the {@code Acquire::http::Proxy} URL of the node */
    static String proxy(NodeProcess node) {
        return "http://127.0.0.1:" + node.aptPort();
    }

    /** The configuration is applied by FileInstall shortly after start: wait for the mirror to be allowed. */
    private static void awaitServing(NodeProcess node, MirrorServer mirror, Duration deadline) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        int status = -1;
        while (System.nanoTime() < end) {
            String target = "/" + mirror.authority() + "/" + DebianArchive.DISTS + "/Release";
            status = status(node, target);
            if (status == 200 || (status == 404 && listenerAnswered404(node, target))) {
                return; // the listener serves the mirror (an archive of another layout has no debian/dists/test)
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the apt listener did not serve " + mirror.authority() + " within " + deadline
                + " (last status " + status + "); node output:\n" + Files.readString(node.home().resolveSibling("home.log")));
    }

    /** @return whether a 404 came from the listener, passing the mirror's answer on (not Jetty's own 404) */
    private static boolean listenerAnswered404(NodeProcess node, String target) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + node.aptPort() + target)
                .toURL().openConnection();
        connection.setConnectTimeout(2000);
        connection.setReadTimeout(10000);
        try {
            if (connection.getResponseCode() != 404 || connection.getErrorStream() == null) {
                return false;
            }
            try (var body = connection.getErrorStream()) {
                return new String(body.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8).contains("answered 404");
            }
        } catch (IOException e) {
            return false;
        } finally {
            connection.disconnect();
        }
    }

    static int status(NodeProcess node, String target) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + node.aptPort() + target)
                .toURL().openConnection();
        connection.setConnectTimeout(2000);
        connection.setReadTimeout(10000);
        try {
            return connection.getResponseCode();
        } catch (IOException e) {
            return -1; // not listening yet
        } finally {
            connection.disconnect();
        }
    }
}
