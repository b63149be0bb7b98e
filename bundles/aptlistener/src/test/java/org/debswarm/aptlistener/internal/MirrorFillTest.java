package org.debswarm.aptlistener.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.debswarm.governor.internal.JettyHttpGovernor;
import org.debswarm.governor.internal.JettyHttpGovernorConfiguration;
import org.debswarm.storage.BeginResult;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileWrite;
import org.debswarm.storage.StoredFile;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.storage.internal.StoreOptions;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The one mirror fill: the blocks peers did not send, a whole file, a resumed one; a failure aborts the write, a stop
 * leaves it. Real Jetty mirror with ranges, real governor, real store.
 */
public class MirrorFillTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private final ExecutorService copier = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-fill"));
    private Server mirror;
    private JettyHttpGovernor governor;
    private FileSystemPieceStore store;
    private byte[] content;
    private FileKey key;

    @Before
    public void start() throws Exception {
        Path www = folder.newFolder("www").toPath();
        content = new byte[5 * FileWrite.BLOCK_SIZE + 1234];
        new Random(7).nextBytes(content);
        Path file = Files.createDirectories(www.resolve("debian/pool/main/f")).resolve("f_1_all.deb");
        Files.write(file, content);
        mirror = new Server();
        ServerConnector connector = new ServerConnector(mirror);
        connector.setHost("127.0.0.1");
        mirror.addConnector(connector);
        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(ResourceFactory.of(mirror).newResource(www));
        mirror.setHandler(new Handler.Wrapper(files) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                ranges.add(String.valueOf(request.getHeaders().get("Range")));
                return super.handle(request, response, callback);
            }
        });
        mirror.start();
        governor = new JettyHttpGovernor(config(JettyHttpGovernorConfiguration.class, Map.of("maxAttempts", 1)));
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:" + folder.getRoot().toPath().resolve("db/storage") + ";DB_CLOSE_ON_EXIT=FALSE");
        store = new FileSystemPieceStore(folder.newFolder("data").toPath(), h2, StoreOptions.DEFAULTS);
        key = new FileKey("127.0.0.1:" + connector.getLocalPort(), "debian/pool/main/f/f_1_all.deb", content.length,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
    }

    @After
    public void stop() throws Exception {
        copier.shutdownNow();
        governor.close();
        store.close();
        mirror.stop();
    }

    @Test
    public void fillsOnlyTheSpanPeersLeftWithOneRangeRequest() throws Exception {
        FileWrite write = created();
        write.writeAt(0, ByteBuffer.wrap(content, 0, FileWrite.BLOCK_SIZE)); // a peer sent block 0
        write.writeAt(2L * FileWrite.BLOCK_SIZE, ByteBuffer.wrap(content, 2 * FileWrite.BLOCK_SIZE, FileWrite.BLOCK_SIZE));
        AtomicLong fromMirror = new AtomicLong();
        MirrorFill.start(governor, uri(), write, DEADLINE, copier, fromMirror::addAndGet).done().get(20, TimeUnit.SECONDS);
        StoredFile stored = write.completion().get(20, TimeUnit.SECONDS);
        assertArrayEquals(content, Files.readAllBytes(stored.file()));
        assertEquals(List.of("bytes=" + FileWrite.BLOCK_SIZE + "-" + (content.length - 1)), ranges);
        assertEquals(content.length - FileWrite.BLOCK_SIZE, fromMirror.get());
    }

    @Test
    public void anEmptyWriteIsFetchedWholeWithoutARange() throws Exception {
        FileWrite write = created();
        MirrorFill.start(governor, uri(), write, DEADLINE, copier, n -> { }).done().get(20, TimeUnit.SECONDS);
        assertArrayEquals(content, Files.readAllBytes(write.completion().get(20, TimeUnit.SECONDS).file()));
        assertEquals(List.of("null"), ranges);
    }

    @Test
    public void aMirrorThatLacksTheFileFailsTheFillAndAbortsTheWrite() throws Exception {
        FileKey missing = new FileKey(key.host(), "debian/pool/main/f/gone_1_all.deb", key.size(), key.sha256());
        FileWrite write = created();
        MirrorFill fill = MirrorFill.start(governor, URI.create("http://" + missing.host() + "/" + missing.path()),
                write, DEADLINE, copier, n -> { });
        ExecutionException failure = assertThrows(ExecutionException.class, () -> fill.done().get(20, TimeUnit.SECONDS));
        assertEquals("the mirror's 404 is apt's", 404, ((HttpRefusal) failure.getCause()).status());
        assertThrows("the headers fail the same way", ExecutionException.class,
                () -> fill.headers().get(20, TimeUnit.SECONDS));
        assertThrows("the mirror is the last source: nobody else waits on the write", ExecutionException.class,
                () -> write.completion().get(20, TimeUnit.SECONDS));
    }

    @Test
    public void aPartialFileIsResumedFromItsFirstMissingByte() throws Exception {
        FileWrite write = created();
        write.writeAt(0, ByteBuffer.wrap(content, 0, 2 * FileWrite.BLOCK_SIZE)); // an earlier run got this far
        MirrorFill fill = MirrorFill.start(governor, uri(), write, DEADLINE, copier, n -> { });
        fill.done().get(20, TimeUnit.SECONDS);
        assertArrayEquals(content, Files.readAllBytes(write.completion().get(20, TimeUnit.SECONDS).file()));
        assertEquals(List.of("bytes=" + 2 * FileWrite.BLOCK_SIZE + "-" + (content.length - 1)), ranges);
        assertTrue("the mirror answered with the file", fill.headers().isDone());
    }

    @Test
    public void aStoppedFillLeavesTheWriteToWhoeverStoppedIt() throws Exception {
        FileWrite write = created();
        java.util.concurrent.CountDownLatch copying = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        MirrorFill fill = MirrorFill.start(governor, uri(), write, DEADLINE, copier, n -> {
            copying.countDown();
            try {
                release.await(20, TimeUnit.SECONDS); // holds the copy after its first chunk until the test stopped it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue("the first chunk arrived", copying.await(20, TimeUnit.SECONDS));
        fill.stop();
        release.countDown();
        assertThrows(java.util.concurrent.CancellationException.class, () -> fill.done().get(20, TimeUnit.SECONDS));
        assertFalse("neither completed nor aborted", write.isDone());
        assertEquals("the first chunk stays", FileWrite.BLOCK_SIZE, write.written());
    }

    private FileWrite created() throws Exception {
        BeginResult begin = store.begin(key);
        assertEquals(BeginResult.Outcome.CREATED, begin.outcome());
        return begin.write().orElseThrow();
    }

    private URI uri() {
        return URI.create("http://" + key.host() + "/" + key.path());
    }

    private static <A extends Annotation> A config(Class<A> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName())
                        : method.getDefaultValue()));
    }
}
