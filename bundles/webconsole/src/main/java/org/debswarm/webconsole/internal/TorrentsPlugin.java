package org.debswarm.webconsole.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;

import org.apache.felix.webconsole.servlet.ServletConstants;
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
 * Web Console page "Torrents": the table, and with {@code ?torrent=<hex>} one torrent with its peers and
 * actions. Actions are POSTs (the Web Console passes them straight to this servlet, without its frame).
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

    /** For Declarative Services, which injects the references. */
    public TorrentsPlugin() {
        this.clock = Clock.systemUTC();
    }

    TorrentsPlugin(TorrentRegistry registry, StatsView stats, Clock clock) {
        this.registry = registry;
        this.stats = stats;
        this.clock = clock;
    }

    FormToken token() {
        return token;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        TorrentRegistry r = registry;
        StatsView s = stats;
        String root = Page.root(request);
        String torrent = request.getParameter("torrent");
        Page.write(response, torrent == null ? TorrentListPage.render(r, s, root)
                : TorrentDetailPage.render(r, s, root, torrent, token, clock.instant()));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!token.matches(request.getParameter(FormToken.PARAMETER))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "missing or stale form token; reload the page");
            return;
        }
        String action = request.getParameter("action");
        if (!Arrays.asList(TorrentDetailPage.ACTIONS).contains(action)) {
            response.sendError(HttpServletResponse.SC_BAD_REQUEST, "unknown action");
            return;
        }
        response.sendError(HttpServletResponse.SC_NOT_IMPLEMENTED, TorrentDetailPage.ACTIONS_UNAVAILABLE);
    }
}
