package org.debswarm.tracker.internal;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.rules.TemporaryFolder;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The store contract on a real PostgreSQL, started from the Debian binaries in a temporary folder on a free
 * loopback port. Skipped where PostgreSQL is not installed.
 */
public class PostgresStoreTest extends StoreContract {

    @ClassRule
    public static final TemporaryFolder FOLDER = new TemporaryFolder();

    private static Path bin;
    private static Path data;
    private static int port;

    @BeforeClass
    public static void startPostgres() throws Exception {
        bin = findBin();
        Assume.assumeTrue("PostgreSQL binaries (/usr/lib/postgresql/*/bin)", bin != null);
        Path root = FOLDER.newFolder("pg").toPath();
        giveToPostgresUserIfRoot(root);
        port = freePort();
        Path dataFolder = root.resolve("data");
        run(30, "initdb", "-D", dataFolder.toString(), "-U", "tracker", "--auth=trust", "-E", "UTF8", "--no-sync");
        run(60, "pg_ctl", "start", "-w", "-t", "50", "-D", dataFolder.toString(), "-l",
                root.resolve("log").toString(),
                "-o", "-p " + port + " -k " + root + " -c listen_addresses=127.0.0.1 -c fsync=off");
        data = dataFolder;
    }

    @AfterClass
    public static void stopPostgres() throws Exception {
        if (data != null) {
            run(60, "pg_ctl", "stop", "-w", "-t", "50", "-m", "fast", "-D", data.toString());
        }
    }

    @Before
    public void emptyDatabase() throws Exception {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS tracker_peer");
            s.execute("DROP TABLE IF EXISTS tracker_torrent");
        }
    }

    @Override
    protected DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
        dataSource.setUser("tracker");
        dataSource.setConnectTimeout(10);
        dataSource.setSocketTimeout(30);
        return dataSource;
    }

    private static Path findBin() {
        File[] versions = new File("/usr/lib/postgresql").listFiles();
        if (versions == null) {
            return null;
        }
        return Arrays.stream(versions).map(v -> v.toPath().resolve("bin")).filter(b -> Files.isExecutable(
                b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl"))).sorted().reduce((a, b) -> b)
                .orElse(null);
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** PostgreSQL refuses to run as root; as root the test runs it as the 'postgres' user. */
    private static void giveToPostgresUserIfRoot(Path root) throws IOException {
        if (root()) {
            UserPrincipalLookupService users = root.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(root, users.lookupPrincipalByName("postgres"));
            // The temporary folder is private to root; the postgres user must be able to pass through it.
            Files.setPosixFilePermissions(FOLDER.getRoot().toPath(), PosixFilePermissions.fromString("rwx--x--x"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void run(int timeoutSeconds, String tool, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        if (root()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(args));
        File output = FOLDER.newFile();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(tool + " did not finish within " + timeoutSeconds + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException(tool + " exited with " + process.exitValue() + ": "
                    + Files.readString(output.toPath()));
        }
    }
}
