package org.debswarm.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/** A running framework with boot/ at start level 1 and bundle/ at level 2; deploy/ is FileInstall's. */
final class Node {

    private final Framework framework;

    private Node(Framework framework) {
        this.framework = framework;
    }

    static Node start(LaunchOptions options, Map<String, String> properties) throws BundleException, IOException {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path (lib/)"));
        Framework framework = factory.newFramework(properties);
        framework.init();
        BundleContext context = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        installed.addAll(install(context, options.install().resolve("boot"), 1));
        installed.addAll(install(context, options.install().resolve("bundle"), 2));
        for (Bundle bundle : installed) {
            if (bundle.getHeaders().get("Fragment-Host") == null) {
                bundle.start();
            }
        }
        framework.start();
        return new Node(framework);
    }

    private static List<Bundle> install(BundleContext context, Path folder, int startLevel)
            throws BundleException, IOException {
        List<Bundle> bundles = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return bundles;
        }
        try (Stream<Path> jars = Files.list(folder)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                Bundle bundle = context.installBundle(jar.toUri().toString());
                bundle.adapt(BundleStartLevel.class).setStartLevel(startLevel);
                bundles.add(bundle);
            }
        }
        return bundles;
    }

    int beginningStartLevel() {
        return framework.adapt(FrameworkStartLevel.class).getStartLevel();
    }

    /** Blocks until the framework has stopped; returns the process exit code. */
    int awaitStop() throws InterruptedException {
        FrameworkEvent event = framework.waitForStop(0);
        return event.getType() == FrameworkEvent.ERROR ? 1 : 0;
    }

    void stop(Duration deadline) {
        try {
            framework.stop();
            FrameworkEvent event = framework.waitForStop(deadline.toMillis());
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                System.err.println("debswarm: framework did not stop within " + deadline.toSeconds() + " s");
            } else {
                System.out.println("Debswarm node stopped");
            }
        } catch (BundleException e) {
            System.err.println("debswarm: stopping failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
