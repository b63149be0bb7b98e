package org.debswarm.node.internal;

import static org.junit.Assert.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.debswarm.peerwire.TorrentSession;
import org.debswarm.storage.FileKey;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.PackagesTorrentBuilder;
import org.debswarm.torrent.internal.DefaultTorrentRegistry;
import org.junit.After;
import org.junit.Test;

/**
 * An evicted file is lost to the session of every registered torrent listing its SHA-256 (current and superseded
 * versions of an index alike), found through the registry's index, and to no other session or piece.
 */
public class EvictedPiecesTest {

    private static final String INDEX = "dists/bookworm/main/binary-amd64/Packages";
    private static final String HELLO = "11".repeat(32);
    private static final String OTHER = "22".repeat(32);
    private static final String NEW = "33".repeat(32);

    private final DefaultTorrentRegistry registry = NodeTestSupport.registry("P2D");
    /** What the sessions were told, as "infohash-prefix piece". */
    private final List<String> lost = new ArrayList<>();
    /** The SHA-256s the content swarm was told it lost. */
    private final List<String> contentLost = new ArrayList<>();

    @After
    public void stop() throws Exception {
        NodeTestSupport.deactivate(registry);
    }

    private PackagesTorrent register(String... hashes) {
        PackagesTorrentBuilder builder = NodeTestSupport.factory().packagesBuilder("deb.debian.org", INDEX);
        for (String hash : hashes) {
            builder.add("pool/main/" + hash.substring(0, 4) + "_amd64.deb", 100, hash, false);
        }
        return registry.update(builder.build()).get(0);
    }

    private TorrentSession session(InfoHash hash) {
        return (TorrentSession) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {TorrentSession.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("lost")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    lost.add(hash.toHex().substring(0, 8) + " " + args[0]);
                    return null;
                });
    }

    /** A swarm whose sessions run for {@code running} only. */
    private SwarmControl swarm(InfoHash... running) {
        List<InfoHash> runs = List.of(running);
        return (SwarmControl) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SwarmControl.class}, (proxy, method, args) -> {
                    if (method.getName().equals("content")) {
                        return Optional.of(content());
                    }
                    if (!method.getName().equals("session")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    InfoHash hash = (InfoHash) args[0];
                    return runs.contains(hash) ? Optional.of(session(hash)) : Optional.empty();
                });
    }

    private org.debswarm.peerwire.ContentSession content() {
        return (org.debswarm.peerwire.ContentSession) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {org.debswarm.peerwire.ContentSession.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("lost")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    contentLost.add((String) args[0]);
                    return null;
                });
    }

    private static FileKey key(String sha256) {
        return new FileKey("deb.debian.org", "debian/pool/main/" + sha256.substring(0, 4) + "_amd64.deb", 100, sha256);
    }

    private static String id(PackagesTorrent torrent, int piece) {
        return torrent.infoHash().toHex().substring(0, 8) + " " + piece;
    }

    @Test
    public void theFileIsLostToEveryRunningTorrentListingIt() {
        PackagesTorrent v1 = register(HELLO, OTHER);
        PackagesTorrent v2 = register(NEW, HELLO); // v1 superseded, still seeding
        new EvictedPieces(registry, swarm(v1.infoHash(), v2.infoHash())).evicted(key(HELLO));
        assertEquals(Set.of(id(v1, v1.indexOf("pool/main/1111_amd64.deb")),
                id(v2, v2.indexOf("pool/main/1111_amd64.deb"))), Set.copyOf(lost));
        assertEquals("each session told once", 2, lost.size());
    }

    @Test
    public void onlyRunningSessionsAreTold() {
        PackagesTorrent v1 = register(HELLO, OTHER);
        PackagesTorrent v2 = register(NEW, HELLO);
        new EvictedPieces(registry, swarm(v2.infoHash())).evicted(key(HELLO));
        assertEquals(List.of(id(v2, v2.indexOf("pool/main/1111_amd64.deb"))), lost);
        assertEquals(2, v1.pieceCount());
    }

    @Test
    public void contentNoTorrentListsIsNobodysLoss() {
        PackagesTorrent v1 = register(HELLO, OTHER);
        new EvictedPieces(registry, swarm(v1.infoHash())).evicted(key(NEW));
        assertEquals(List.of(), lost);
        assertEquals("the content swarm offered it all the same, and takes it back", List.of(NEW), contentLost);
    }
}
