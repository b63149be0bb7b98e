package org.debswarm.node.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.debswarm.rfc822.internal.DefaultControlParser;
import org.debswarm.storage.FileKey;
import org.debswarm.storage.FileWrite;
import org.debswarm.storage.PieceStore;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.storage.internal.StoreOptions;
import org.debswarm.torrent.TorrentFactory;
import org.debswarm.torrent.TorrentRegistryListener;
import org.debswarm.torrent.internal.DefaultTorrentFactory;
import org.debswarm.torrent.internal.DefaultTorrentRegistry;
import org.debswarm.torrent.internal.TorrentRegistryConfiguration;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The real parts, built as SCR would build them: factory, registry, store on H2, and the node itself. The
 * registry's listener binding and deactivation are package-private for SCR, so they are reached reflectively.
 */
final class NodeTestSupport {

    private NodeTestSupport() {
    }

    static TorrentFactory factory() {
        return new DefaultTorrentFactory(new DefaultControlParser());
    }

    static DefaultTorrentRegistry registry(String retention) {
        return new DefaultTorrentRegistry(annotation(TorrentRegistryConfiguration.class,
                Map.of("supersededRetention", retention)));
    }

    static void listen(DefaultTorrentRegistry registry, TorrentRegistryListener listener) throws Exception {
        Method add = DefaultTorrentRegistry.class.getDeclaredMethod("addListener", TorrentRegistryListener.class);
        add.setAccessible(true);
        add.invoke(registry, listener);
    }

    static void deactivate(DefaultTorrentRegistry registry) throws Exception {
        Method deactivate = DefaultTorrentRegistry.class.getDeclaredMethod("deactivate");
        deactivate.setAccessible(true);
        deactivate.invoke(registry);
    }

    static FileSystemPieceStore store(Path home) throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + home.toAbsolutePath().resolve("db").resolve("storage"));
        return new FileSystemPieceStore(home, ds, StoreOptions.DEFAULTS);
    }

    static NodeSwarmConfiguration config(Map<String, Object> values) {
        return annotation(NodeSwarmConfiguration.class, values);
    }

    @SuppressWarnings("unchecked")
    static <A> A annotation(Class<A> type, Map<String, Object> values) {
        Map<String, Object> copy = new HashMap<>(values);
        return (A) Proxy.newProxyInstance(NodeTestSupport.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> copy.getOrDefault(method.getName(), method.getDefaultValue()));
    }

    static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    /** Stores {@code content} at {@code host/path} through the store's own write path. */
    static void put(PieceStore store, String host, String path, byte[] content) throws Exception {
        FileWrite write = store.begin(new FileKey(host, path, content.length, sha256(content))).write().orElseThrow();
        write.writeAt(0, ByteBuffer.wrap(content));
        write.completion().get(20, TimeUnit.SECONDS);
    }
}
