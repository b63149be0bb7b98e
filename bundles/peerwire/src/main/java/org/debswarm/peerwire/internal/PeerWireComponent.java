package org.debswarm.peerwire.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.debswarm.peerwire.PeerWire;
import org.debswarm.peerwire.SessionSnapshot;
import org.debswarm.peerwire.TorrentSession;
import org.debswarm.storage.PieceStore;
import org.debswarm.storage.SpanningStorage;
import org.debswarm.torrent.InfoHash;
import org.debswarm.torrent.MetaInfo;
import org.debswarm.torrent.PackagesTorrent;
import org.debswarm.torrent.PieceBits;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link PeerWire} service. Owns a {@link PeerEngine}: its two threads and listening socket are created on
 * activation (binding a local port, no other network I/O) and stopped, with a bounded wait, on deactivation. A
 * configuration change re-activates the component, which ends the running sessions: their owners (the node)
 * see the service come back and start them again.
 */
@Component(service = PeerWire.class, configurationPid = PeerWireComponent.PID)
@Designate(ocd = PeerWireConfiguration.class)
public final class PeerWireComponent implements PeerWire {

    static final String PID = "org.debswarm.peerwire";

    private final PeerEngine engine;

    @Activate
    public PeerWireComponent(PeerWireConfiguration config, @Reference(name = "store") PieceStore store)
            throws IOException {
        this.engine = new PeerEngine(EngineOptions.from(config), store);
    }

    @Deactivate
    void deactivate() {
        engine.close();
    }

    @Override
    public TorrentSession start(PackagesTorrent torrent, String mirrorHost, String archiveRoot) {
        return engine.start(torrent, mirrorHost, archiveRoot);
    }

    @Override
    public TorrentSession start(MetaInfo metaInfo) {
        return engine.start(metaInfo);
    }

    @Override
    public TorrentSession start(MetaInfo metaInfo, SpanningStorage storage, PieceBits had) {
        return engine.start(metaInfo, storage, had);
    }

    @Override
    public Optional<SessionSnapshot> snapshot(InfoHash infoHash) {
        return engine.snapshot(infoHash);
    }

    @Override
    public List<SessionSnapshot> sessions() {
        return engine.sessions();
    }

    @Override
    public java.net.InetAddress listenAddress() {
        return engine.listenAddress();
    }

    @Override
    public int port() {
        return engine.port();
    }

    @Override
    public Optional<Integer> peersSeenByDiscovery(InfoHash infoHash) {
        return engine.peersSeenByDiscovery(infoHash);
    }

    @Override
    public org.debswarm.peerwire.ContentSession startContent() {
        return engine.startContent();
    }

    @Override
    public byte[] peerId() {
        return engine.peerId();
    }
}
