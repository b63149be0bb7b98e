package org.debswarm.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.ops4j.pax.exam.Option;

/**
 * Pax Exam options that boot a node from the distribution's bundle folders, at the launcher's start levels
 * (boot/ 1, bundle/ 2, deploy/ 3), on free loopback ports and in a fresh data folder.
 */
public final class NodeOptions {

    public static final String CONSOLE_PORT = "debswarm.it.console.port";
    public static final String APT_PORT = "debswarm.it.apt.port";
    public static final String TRACKER_PORT = "debswarm.it.tracker.port";

    private NodeOptions() {
    }

    /** The full node. */
    public static Option node() {
        return node(Distribution.root());
    }

    /** The node of one distribution (the full node or the tracker-only node). */
    public static Option node(Path distribution) {
        Path home = tempFolder("debswarm-it-home");
        Path configs = tempFolder("debswarm-it-deploy");
        int console = Distribution.freePort();
        int apt = Distribution.freePort();
        int tracker = Distribution.freePort();
        copyJettyInstanceConfigs(distribution, configs, apt, tracker);
        peerWireOnFreePort(distribution.resolve("deploy"), configs);
        List<Option> options = new ArrayList<>();
        options.add(frameworkProperty("debswarm.home").value(home.toString()));
        options.add(frameworkProperty("felix.cm.dir").value(home.resolve("config").toString()));
        options.add(frameworkProperty("org.apache.felix.http.host").value("127.0.0.1"));
        options.add(frameworkProperty("org.osgi.service.http.port").value(Integer.toString(console)));
        options.add(frameworkProperty("felix.fileinstall.dir").value(configs.toString()));
        options.add(frameworkProperty("felix.fileinstall.noInitialDelay").value("true"));
        options.add(frameworkProperty("felix.fileinstall.poll").value("500"));
        options.add(frameworkProperty("felix.fileinstall.optionalImportRefreshScope").value("managed"));
        options.add(frameworkProperty("felix.fileinstall.fragmentRefreshScope").value("managed"));
        // as in the runtime: FileInstall must never write configuration back into the watched folder
        options.add(frameworkProperty("felix.fileinstall.enableConfigSave").value("false"));
        options.add(systemProperty(CONSOLE_PORT).value(Integer.toString(console)));
        options.add(systemProperty(APT_PORT).value(Integer.toString(apt)));
        options.add(systemProperty(TRACKER_PORT).value(Integer.toString(tracker)));
        options.add(systemProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty").value("warn"));
        addFolder(options, distribution, "boot", 1);
        addFolder(options, distribution, "bundle", 2);
        addFolder(options, distribution, "deploy", 3);
        options.add(junitBundles());
        return composite(options.toArray(Option[]::new));
    }

    private static void addFolder(List<Option> options, Path distribution, String folder, int startLevel) {
        for (Path jar : Distribution.jars(distribution, folder)) {
            options.add(bundle(jar.toUri().toString()).startLevel(startLevel).start());
        }
    }

    /** The distribution's Jetty instance configurations, moved to the test's free ports. */
    private static void copyJettyInstanceConfigs(Path distribution, Path target, int aptPort, int trackerPort) {
        Path deploy = distribution.resolve("deploy");
        try {
            rewritePort(deploy.resolve("org.apache.felix.http-aptlistener.cfg"), target, aptPort);
            rewritePort(deploy.resolve("org.apache.felix.http-tracker.cfg"), target, trackerPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Puts the peer wire of a node whose {@code deploy} folder has it on a free port (its default, 6881, may be
     * taken by another node on the machine), through {@code org.debswarm.peerwire.cfg} in {@code configs}.
     */
    static void peerWireOnFreePort(Path deploy, Path configs) {
        try (var jars = Files.list(deploy)) {
            if (jars.anyMatch(f -> f.getFileName().toString().startsWith("org.debswarm.peerwire-"))) {
                Files.writeString(configs.resolve("org.debswarm.peerwire.cfg"), "port=" + Distribution.freePort() + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void rewritePort(Path cfg, Path targetFolder, int port) throws IOException {
        if (!Files.exists(cfg)) {
            return; // the tracker-only node has no apt listener
        }
        String text = Files.readString(cfg).replaceAll("(?m)^org\\.osgi\\.service\\.http\\.port=.*$",
                "org.osgi.service.http.port=" + port);
        Files.writeString(targetFolder.resolve(cfg.getFileName()), text);
    }

    private static Path tempFolder(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
