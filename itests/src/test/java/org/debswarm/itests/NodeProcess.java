package org.debswarm.itests;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A node started as an ordinary process with the real {@code bin/debswarm}, from a private copy of the
 * distribution whose ports are moved to free ones. The test that starts it stops it.
 */
public final class NodeProcess implements AutoCloseable {

    private final Path install;
    private final Path home;
    private final Path log;
    private final int consolePort;
    private final int aptPort;
    private final int trackerPort;
    private final Process process;
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile int stopFrom;
    private final List<String> printed = new CopyOnWriteArrayList<>();
    private final List<LineWaiter> waiters = new CopyOnWriteArrayList<>();

    /** A test waiting for a line that matches, among the lines from index {@code from} on. */
    private record LineWaiter(int from, java.util.function.Predicate<String> matches, CompletableFuture<Integer> found) {
    }

    /**
     * @param prefix what the command runs through (a host of a {@link Lan}), or nothing
     * @param javaOptions system properties for the node's JVM, each {@code " -Dname=value"}, or empty
     */
    private NodeProcess(Path install, Path home, int consolePort, int aptPort, int trackerPort, List<String> prefix,
            String javaOptions)
            throws IOException {
        this.install = install;
        this.home = home;
        this.log = home.resolveSibling(home.getFileName() + ".log");
        this.consolePort = consolePort;
        this.aptPort = aptPort;
        this.trackerPort = trackerPort;
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("bash", install.resolve("bin/debswarm").toString(), "--home", home.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("DEBSWARM_OPTS", "-Dorg.osgi.service.http.port=" + consolePort + javaOptions);
        // no class-data archive: it is made per installation, and each test node is an installation of its own
        // (making one costs a second of CPU at each start); the package test covers the archive
        builder.environment().put("DEBSWARM_CDS_ARCHIVE", "");
        builder.redirectErrorStream(true);
        this.process = builder.start();
        watchOutput();
    }

    /** Copies the distribution to {@code workDir/install} and starts it with data in {@code workDir/home}. */
    public static NodeProcess start(Path workDir) throws IOException {
        return start(workDir, new String[0]);
    }

    /** {@link #start(Path)} with system properties for the node's JVM ({@code -Dname=value} each). */
    public static NodeProcess start(Path workDir, String... systemProperties) throws IOException {
        Path install = workDir.resolve("install");
        copyTree(Distribution.root(), install);
        int apt = Distribution.freePort();
        int tracker = Distribution.freePort();
        setPort(install.resolve("deploy/org.apache.felix.http-aptlistener.cfg"), apt);
        setPort(install.resolve("deploy/org.apache.felix.http-tracker.cfg"), tracker);
        NodeOptions.peerWireOnFreePort(install.resolve("deploy"), install.resolve("deploy"));
        String options = systemProperties.length == 0 ? "" : " " + String.join(" ", systemProperties);
        return new NodeProcess(install, workDir.resolve("home"), Distribution.freePort(), apt, tracker, List.of(),
                options);
    }

    /**
     * Copies the distribution to {@code workDir/install}, adds {@code deployFiles} (name to content) to its
     * {@code deploy/}, and starts it through {@code prefix} (a host of a {@link Lan}: {@code ip netns exec ...})
     * on the default ports, which are free in a host of its own.
     */
    public static NodeProcess startIn(List<String> prefix, Path workDir, java.util.Map<String, String> deployFiles)
            throws IOException {
        Path install = workDir.resolve("install");
        copyTree(Distribution.root(), install);
        for (var file : deployFiles.entrySet()) {
            Files.writeString(install.resolve("deploy").resolve(file.getKey()), file.getValue());
        }
        return new NodeProcess(install, workDir.resolve("home"), 8080, 9988, 6969, prefix, "");
    }

    /** Waits for the launcher's banner, with a deadline; returns the output up to it. */
    public String awaitStarted(Duration deadline) throws Exception {
        try {
            return ready.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("node did not start within " + deadline + "; output:\n" + Files.readString(log), e);
        }
    }

    private void watchOutput() {
        Thread reader = new Thread(() -> {
            StringBuilder seen = new StringBuilder();
            try (var lines = process.inputReader()) {
                String line;
                while ((line = lines.readLine()) != null) {
                    seen.append(line).append('\n');
                    Files.writeString(log, line + "\n", java.nio.file.StandardOpenOption.CREATE,
                            java.nio.file.StandardOpenOption.APPEND);
                    printed.add(line);
                    waiters.forEach(this::look);
                    if (line.contains("Ctrl-C stops the node")) {
                        ready.complete(seen.toString());
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new IOException("node exited before it started:\n" + seen));
            stopped.complete(null);
        }, "node-output-" + consolePort);
        reader.setDaemon(true);
        reader.start();
    }

    /** How many lines the node has printed so far: a mark for {@link #awaitLine}. */
    public int linesPrinted() {
        return printed.size();
    }

    /**
     * Waits for a line containing {@code fragment} printed after the first {@code from} lines, woken by each line
     * the node prints; returns its index.
     */
    public int awaitLine(int from, String fragment, Duration deadline) throws Exception {
        return awaitLine(from, "a line with '" + fragment + "'", line -> line.contains(fragment), deadline);
    }

    /** As {@link #awaitLine(int, String, Duration)}, for a line that {@code matches}, described as {@code what}. */
    public int awaitLine(int from, String what, java.util.function.Predicate<String> matches, Duration deadline)
            throws Exception {
        LineWaiter waiter = new LineWaiter(from, matches, new CompletableFuture<>());
        waiters.add(waiter);
        try {
            look(waiter);
            return waiter.found().get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no " + what + " within " + deadline + "; output:\n" + output(), e);
        } finally {
            waiters.remove(waiter);
        }
    }

    private void look(LineWaiter waiter) {
        for (int i = waiter.from(); i < printed.size(); i++) {
            if (waiter.matches().test(printed.get(i))) {
                waiter.found().complete(i);
                return;
            }
        }
    }

    public int httpStatus(String path, String user, String password) throws IOException {
        return httpStatus(consolePort, path, user, password);
    }

    /** The status of a GET of {@code path} on one of the node's ports, with basic auth when {@code user} is set. */
    public int httpStatus(int port, String path, String user, String password) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI
                .create("http://127.0.0.1:" + port + path).toURL().openConnection();
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(10000);
        if (user != null) {
            String token = java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes());
            connection.setRequestProperty("Authorization", "Basic " + token);
        }
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    /**
     * Waits until {@code path} on a port of the node answers 200. The banner comes when the framework has
     * started; the Debswarm bundles in deploy/ start a moment later through FileInstall, and an outside
     * process has no event to wait on, so this asks again every 100 ms until the deadline.
     */
    public void awaitHttpOk(int port, String path, Duration deadline) throws Exception {
        int last = awaitStatus(port, path, null, null, 200, deadline);
        if (last != 200) {
            throw new AssertionError(path + " on port " + port + " did not answer 200 within " + deadline
                    + " (last status " + last + "); output:\n" + Files.readString(log));
        }
    }

    /**
     * Asks for {@code path} on a port of the node every 100 ms until it answers {@code expected} or the deadline
     * passes; returns the last status (-1: not listening). For states that only show from outside the process.
     */
    public int awaitStatus(int port, String path, String user, String password, int expected, Duration deadline)
            throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        int last = -1;
        while (System.nanoTime() < end) {
            try {
                last = httpStatus(port, path, user, password);
            } catch (IOException notListening) {
                last = -1;
            }
            if (last == expected) {
                return last;
            }
            Thread.sleep(100);
        }
        return last;
    }

    /** Everything the node has printed so far (both runs, when a test restarts a node on the same home). */
    public String output() throws IOException {
        return Files.readString(log);
    }

    /**
     * The node JVM's threads ({@code jcmd Thread.print}, at most 20 s), for a failure message when the node does
     * not do what a test waits for: a stuck activation shows where it waits.
     */
    public String threadDump() {
        StringBuilder dump = new StringBuilder();
        java.util.stream.Stream.concat(java.util.stream.Stream.of(process.toHandle()), process.toHandle().descendants())
                .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .forEach(p -> dump.append(jcmd(p.pid())));
        return dump.length() == 0 ? "(no node JVM to dump)" : dump.toString();
    }

    private static String jcmd(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
                    .redirectErrorStream(true).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return e.toString();
                }
            });
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return out.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return "jcmd " + pid + " failed: " + e;
        }
    }

    public Path home() {
        return home;
    }

    public Path install() {
        return install;
    }

    public int consolePort() {
        return consolePort;
    }

    public int aptPort() {
        return aptPort;
    }

    public int trackerPort() {
        return trackerPort;
    }

    public Process process() {
        return process;
    }

    /**
     * SIGTERM, as Ctrl-C would (SIGINT): the JVM runs the launcher's shutdown hook, which stops the framework.
     * Fails unless the node reports a clean stop within the deadline, with no ERROR logged while stopping;
     * returns the exit code (143 = 128 + TERM).
     */
    public int stop(Duration deadline) throws Exception {
        stopFrom = Files.exists(log) ? Files.readString(log).length() : 0;
        // through the handle: Process.destroy() would also close our end of the node's output
        process.toHandle().destroy();
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("node did not stop within " + deadline);
        }
        stopped.get(5, TimeUnit.SECONDS);
        String output = Files.readString(log);
        if (!output.contains("Debswarm node stopped")) {
            throw new AssertionError("node did not report a clean stop; output:\n" + output);
        }
        List<String> errors = stopOutput().stream().filter(NodeProcess::isError).toList();
        if (!errors.isEmpty()) {
            throw new AssertionError("the stop logged errors:\n" + String.join("\n", errors) + "\noutput:\n" + output);
        }
        return process.exitValue();
    }

    /** The lines the node printed from the last {@link #stop} on (also those still buffered when it began). */
    public List<String> stopOutput() throws IOException {
        return Files.readString(log).substring(stopFrom).lines().toList();
    }

    /** A line of SLF4J Simple ({@code ... [thread] ERROR logger - ...}) or of the Felix framework's own log. */
    public static boolean isError(String line) {
        return line.contains(" ERROR ") || line.startsWith("ERROR:");
    }

    /** As {@link #isError}, for warnings. */
    public static boolean isWarning(String line) {
        return line.contains(" WARN ") || line.startsWith("WARNING:");
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void setPort(Path cfg, int port) throws IOException {
        String text = Files.readString(cfg).replaceAll("(?m)^org\\.osgi\\.service\\.http\\.port=.*$",
                "org.osgi.service.http.port=" + port);
        Files.writeString(cfg, text);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(paths::add);
        }
        for (Path source : paths) {
            Path target = to.resolve(from.relativize(source).toString());
            if (Files.isDirectory(source)) {
                Files.createDirectories(target);
            } else {
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
