package org.debswarm.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Starts a Debswarm node in the foreground: {@code bin/debswarm [--home DIR]}.
 *
 * <p>Ctrl-C (SIGINT/SIGTERM) stops the framework cleanly through a shutdown hook, with a bounded wait.
 */
public final class Main {

    private static final Duration STOP_DEADLINE = Duration.ofSeconds(30);

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("debswarm: " + e.getMessage());
            System.err.println(LaunchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(LaunchOptions.USAGE);
            return;
        }
        long started = System.nanoTime();
        quietLogging();
        ConsolePassword password = ConsolePassword.loadOrCreate(options.home().resolve("etc"));
        Map<String, String> properties = new FrameworkProperties(options, password).build();
        Node node = Node.create(options, properties);
        // before the start: a SIGTERM while the bundles start still stops the framework cleanly
        Runtime.getRuntime().addShutdownHook(new Thread(() -> node.stop(STOP_DEADLINE), "debswarm-shutdown"));
        node.start();
        printBanner(System.out, options, password.file(), properties, Duration.ofNanos(System.nanoTime() - started));
        int exit = node.awaitStop();
        System.exit(exit);
    }

    /** slf4j-simple reads system properties; Jetty's start-up chatter is only worth a warning. */
    private static void quietLogging() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "info"));
        System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty",
                System.getProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn"));
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.felix.http",
                System.getProperty("org.slf4j.simpleLogger.log.org.apache.felix.http", "warn"));
        System.setProperty("org.slf4j.simpleLogger.showDateTime",
                System.getProperty("org.slf4j.simpleLogger.showDateTime", "true"));
    }

    private static void printBanner(PrintStream out, LaunchOptions options, Path passwordFile,
            Map<String, String> properties, Duration startup) {
        String host = properties.get(FrameworkProperties.HTTP_HOST);
        String port = properties.get(FrameworkProperties.HTTP_PORT);
        out.printf("Debswarm node started in %d ms%n", startup.toMillis());
        out.printf("  data:        %s%n", options.home());
        out.printf("  deploy:      %s%n", options.install().resolve("deploy"));
        out.printf("  web console: http://%s:%s/system/console (user admin, password in %s)%n", host, port, passwordFile);
        out.println("  Ctrl-C stops the node.");
    }
}
