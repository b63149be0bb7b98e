package org.debswarm.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.BundleListener;
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
            long end = System.nanoTime() + deadline.toNanos();
            stopFileInstall();
            awaitNoBundleStarting(deadline.dividedBy(3));
            framework.stop();
            FrameworkEvent event = framework.waitForStop(Math.max(1, (end - System.nanoTime()) / 1_000_000));
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

    /**
     * Stops FileInstall first (transiently: the cache is cleaned at each start anyway), so that it starts no
     * bundle of deploy/ while the framework stops them: it runs at start level 2 and would otherwise go on
     * starting level-3 bundles while the framework stops level 3 first.
     */
    private void stopFileInstall() {
        for (Bundle bundle : framework.getBundleContext().getBundles()) {
            if ("org.apache.felix.fileinstall".equals(bundle.getSymbolicName())) {
                try {
                    bundle.stop(Bundle.STOP_TRANSIENT);
                } catch (BundleException | IllegalStateException e) {
                    System.err.println("debswarm: stopping FileInstall first failed: " + e.getMessage());
                }
            }
        }
    }

    /**
     * Waits, at most {@code wait}, until no bundle is in the middle of its start. FileInstall starts deploy/ on
     * its own thread a moment after the banner, and DS activates a bundle's immediate components while it is
     * starting; Felix refuses to stop a bundle then ("Stopping a starting or stopping bundle is currently not
     * supported") and logs an ERROR, so a stop soon after the start would not be clean. Woken by bundle events.
     */
    private void awaitNoBundleStarting(Duration wait) throws InterruptedException {
        BundleContext context = framework.getBundleContext();
        Object changed = new Object();
        BundleListener listener = event -> {
            synchronized (changed) {
                changed.notifyAll();
            }
        };
        context.addBundleListener(listener);
        try {
            long end = System.nanoTime() + wait.toNanos();
            synchronized (changed) {
                for (long left = wait.toNanos(); anyStarting(context) && left > 0; left = end - System.nanoTime()) {
                    TimeUnit.NANOSECONDS.timedWait(changed, left);
                }
            }
        } finally {
            context.removeBundleListener(listener);
        }
    }

    private static boolean anyStarting(BundleContext context) {
        return Arrays.stream(context.getBundles()).anyMatch(b -> b.getState() == Bundle.STARTING);
    }
}
