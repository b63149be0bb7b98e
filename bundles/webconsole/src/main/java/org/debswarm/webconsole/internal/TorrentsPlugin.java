package org.debswarm.webconsole.internal;

import java.io.IOException;
import java.time.Clock;

import org.apache.felix.webconsole.servlet.ServletConstants;
import org.debswarm.peerwire.PeerWire;
import org.debswarm.node.TorrentActions;
import org.debswarm.stats.StatsView;
import org.debswarm.torrent.TorrentRegistry;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Web Console page "Torrents": the table, and with {@code ?torrent=<hex>} one torrent with its live peers and
 * actions. Actions are POSTs (the Web Console passes them straight to this servlet, without its frame), answered
 * with a redirect to the torrent's page, which shows the result; a GET changes nothing.
 */
@Component(service = Servlet.class, property = {
    ServletConstants.PLUGIN_LABEL + "=" + TorrentsPlugin.LABEL,
    ServletConstants.PLUGIN_TITLE + "=Torrents",
    ServletConstants.PLUGIN_CATEGORY + "=" + Page.CATEGORY})
public final class TorrentsPlugin extends HttpServlet {

    static final String LABEL = "debswarm-torrents";
    private static final long serialVersionUID = 1L;

    private final transient FormToken token = new FormToken();
    private final transient Clock clock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile TorrentRegistry registry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile StatsView stats;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile TorrentActions actions;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile PeerWire peerWire;

    /** For Declarative Services, which injects the references. */
    public TorrentsPlugin() {
        this.clock = Clock.systemUTC();
    }

    TorrentsPlugin(TorrentRegistry registry, StatsView stats, TorrentActions actions, PeerWire peerWire,
            Clock clock) {
        this.registry = registry;
        this.stats = stats;
        this.actions = actions;
        this.peerWire = peerWire;
        this.clock = clock;
    }

    FormToken token() {
        return token;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Services services = new Services(registry, stats, actions, peerWire);
        String root = Page.root(request);
        String torrent = request.getParameter("torrent");
        Page.write(response, torrent == null ? TorrentListPage.render(services, root)
                : TorrentDetailPage.render(services, root, torrent, request.getParameter(ActionPost.DONE), token,
                        clock.instant()));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ActionPost.handle(request, response, token, actions);
    }

    /** The services one request reads, each read once from its volatile field; any may be null. */
    record Services(TorrentRegistry registry, StatsView stats, TorrentActions actions, PeerWire peerWire) {
    }
}
