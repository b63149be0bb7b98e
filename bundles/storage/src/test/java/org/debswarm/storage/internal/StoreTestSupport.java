package org.debswarm.storage.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileWrite;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;

/** A real store on real files and a real H2 file database in a temporary folder. */
public abstract class StoreTestSupport {

    static final String HOST = "deb.debian.org";
    static final long WAIT_SECONDS = 20;

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    Path home;
    private final List<FileSystemPieceStore> opened = new ArrayList<>();

    @Before
    public void createHome() throws IOException {
        home = folder.newFolder("data").toPath();
    }

    @After
    public void closeStores() {
        opened.forEach(FileSystemPieceStore::close);
    }

    FileSystemPieceStore open() throws IOException {
        return open(StoreOptions.DEFAULTS);
    }

    FileSystemPieceStore open(StoreOptions options) throws IOException {
        FileSystemPieceStore store = new FileSystemPieceStore(home, dataSource(home), options);
        opened.add(store);
        return store;
    }

    void close(FileSystemPieceStore store) {
        opened.remove(store);
        store.close();
    }

    static JdbcDataSource dataSource(Path home) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + home.toAbsolutePath().resolve("db").resolve("storage"));
        return ds;
    }

    static byte[] content(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        return FileChecks.hex(FileChecks.sha256().digest(bytes));
    }

    static FileKey key(String host, String path, byte[] bytes) {
        return new FileKey(host, path, bytes.length, sha256(bytes));
    }

    static FileKey deb(String name, byte[] bytes) {
        return key(HOST, "debian/pool/main/" + name.charAt(0) + "/" + name + "/" + name + "_1.0_amd64.deb", bytes);
    }

    /** Writes {@code bytes} in order, {@code chunk} bytes at a time, as a mirror download would. */
    static void writeSequentially(FileWrite write, byte[] bytes, int chunk) throws IOException {
        for (int at = 0; at < bytes.length; at += chunk) {
            write.writeAt(at, ByteBuffer.wrap(bytes, at, Math.min(chunk, bytes.length - at)));
        }
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    static Throwable failureOf(CompletableFuture<?> future) throws InterruptedException, TimeoutException {
        try {
            future.get(WAIT_SECONDS, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure, got a result");
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    static long entries(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.count();
        }
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static StoreOptions options(long checkpointBytes, Duration idleTimeout) {
        return new StoreOptions(checkpointBytes, idleTimeout, Duration.ofSeconds(10));
    }
}
