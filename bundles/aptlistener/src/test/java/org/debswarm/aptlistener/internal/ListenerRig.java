package org.debswarm.aptlistener.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.debswarm.governor.internal.JettyHttpGovernor;
import org.debswarm.governor.internal.JettyHttpGovernorConfiguration;
import org.debswarm.rfc822.internal.DefaultControlParser;
import org.debswarm.storage.internal.FileSystemPieceStore;
import org.debswarm.storage.internal.FileSystemPieceStoreConfiguration;
import org.eclipse.jetty.server.Server;
import org.h2.util.OsgiDataSourceFactory;

/**
 * The listener as a servlet in a real Jetty on loopback, over the real governor, store (H2) and parser, in
 * front of a mirror on loopback serving {@code archive}. {@link #close} stops all of it.
 */
final class ListenerRig implements AutoCloseable {

    final TestArchive archive;
    final MirrorServer mirror;
    final JettyHttpGovernor governor;
    final FileSystemPieceStore store;
    final AptListener listener;
    private final Server server;
    private final int port;

    /**
     * @param home      the node's {@code debswarm.home} (store and index cache)
     * @param overrides listener configuration beyond the mirror, the test key ring and a 10 s catalog wait
     */
    ListenerRig(TestArchive archive, Path home, Map<String, Object> overrides) throws Exception {
        this(archive, home, overrides, Map.of("maxAttempts", 1));
    }

    /** @param governorConfig the governor's configuration (attempts, backoff, timeouts) */
    ListenerRig(TestArchive archive, Path home, Map<String, Object> overrides, Map<String, Object> governorConfig)
            throws Exception {
        this.archive = archive;
        this.mirror = new MirrorServer(archive.root);
        this.governor = new JettyHttpGovernor(Configs.of(JettyHttpGovernorConfiguration.class, governorConfig));
        this.store = new FileSystemPieceStore(Configs.of(FileSystemPieceStoreConfiguration.class, Map.of()),
                Configs.home(home), new OsgiDataSourceFactory(new org.h2.Driver()));
        Map<String, Object> config = new HashMap<>(Map.of("allowedMirrors", new String[] {mirror.authority()},
                "catalogWait", 10L, "keyrings", new String[] {TestSigner.KEYRING.toAbsolutePath().toString()}));
        config.putAll(overrides);
        this.listener = new AptListener(Configs.of(AptListenerConfiguration.class, config), Configs.home(home));
        Configs.inject(listener, "governor", governor);
        Configs.inject(listener, "store", store);
        Configs.inject(listener, "parser", new DefaultControlParser());
        this.server = LoopbackJetty.serve(listener);
        this.port = LoopbackJetty.port(server);
    }

    /** A GET in the URL prefix form, on a connection of its own. */
    RawHttp.Reply get(String path, String... headers) throws Exception {
        return request("GET", path, headers);
    }

    /** A GET or HEAD in the URL prefix form, on a connection of its own. */
    RawHttp.Reply request(String method, String path, String... headers) throws Exception {
        try (RawHttp http = new RawHttp(port)) {
            http.send(RawHttp.request(method, "/" + mirror.authority() + "/" + path, "localhost:" + port, headers));
            return http.read("HEAD".equals(method));
        }
    }

    /** Fetches the signed Release and the Packages index it lists, as apt does first, and waits for the parse. */
    void catalogue() throws Exception {
        get(TestArchive.SUITE + "/InRelease");
        get(TestArchive.PACKAGES + ".xz");
    }

    /** @return what the catalog says {@code path} must be, once the parses under way are done */
    org.debswarm.storage.FileKey entry(String path) throws Exception {
        return listener.catalog().entryAwaiting(mirror.authority(), path, java.time.Duration.ofSeconds(10)).orElseThrow();
    }

    @Override
    public void close() throws Exception {
        server.stop();
        listener.deactivate();
        mirror.close();
        store.close();
        governor.close();
    }
}
