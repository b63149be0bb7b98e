package org.debswarm.webconsole.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.debswarm.health.Readiness;
import org.debswarm.stats.NodeFigures;
import org.debswarm.stats.StatsView;
import org.debswarm.storage.PieceStore;
import org.debswarm.storage.StoreSummary;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.servlet.context.ServletContextHelper;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;

/**
 * {@code GET /debswarm/api/status}, behind the console's login: whether the node is ready,
 * its connected peers and torrents, the bytes from peers and mirrors and the peers' share, and the store's use.
 * A figure whose service is absent (being replaced) is null, and so is the store's limit when none is set.
 * Field names are the contract of {@code debswarm status --json}: see docs/packaging.md.
 *
 * <p>The login is the console's own: the request is handed to the Web Console's servlet context helper's
 * {@code handleSecurity}, so whatever the console accepts (its generated password, a password an administrator
 * set in its configuration, a security provider) is accepted here, with no second copy of the check.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/debswarm/api/status")
@HttpWhiteboardServletName("debswarm-api-status")
@HttpWhiteboardTarget(MetricsConfiguration.DEFAULT_TARGET)
@HttpWhiteboardContextSelect(MetricsConfiguration.DEFAULT_CONTEXT)
public final class StatusServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile Readiness readiness;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile StatsView stats;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile PieceStore store;

    private final transient ServletContextHelper console;

    @Activate
    public StatusServlet(@Reference(target = MetricsConfiguration.CONSOLE_CONTEXT) ServletContextHelper console) {
        this.console = console;
    }

    StatusServlet(Readiness readiness, StatsView stats, PieceStore store) {
        this.console = null;
        this.readiness = readiness;
        this.stats = stats;
        this.store = store;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!console.handleSecurity(request, response)) {
            return; // the console has answered 401 with its challenge
        }
        byte[] body = render().getBytes(StandardCharsets.UTF_8);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    String render() {
        Readiness r = readiness;
        Json json = new Json().begin();
        json.field("ready", r != null && r.ready());
        json.field("waitingFor", r == null ? "the readiness service" : r.waitingFor());
        figures(json, node(stats));
        StoreSummary summary = summary(store);
        if (summary == null) {
            json.nullField("storeUsedBytes").nullField("storeFiles");
        } else {
            json.field("storeUsedBytes", summary.uniqueBytes()).field("storeFiles", summary.uniqueFiles());
        }
        long limit = limit(store);
        if (limit > 0) {
            json.field("storeLimitBytes", limit);
        } else {
            json.nullField("storeLimitBytes"); // no limit set, or no store
        }
        return json.end().toString();
    }

    private static void figures(Json json, NodeFigures node) {
        if (node == null) {
            json.nullField("connectedPeers").nullField("torrents").nullField("fromPeersBytes")
                    .nullField("fromMirrorsBytes").nullField("peerShare");
            return;
        }
        json.field("connectedPeers", node.connectedPeers()).field("torrents", node.torrents())
                .field("fromPeersBytes", node.figures().fromPeers())
                .field("fromMirrorsBytes", node.figures().fromMirrors())
                .field("peerShare", node.figures().peerShare());
    }

    // A service being replaced while we read counts as absent, as on the metrics page.
    private static NodeFigures node(StatsView s) {
        try {
            return s == null ? null : s.node();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static long limit(PieceStore s) {
        try {
            return s == null ? 0 : s.usage().maxStoreBytes();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static StoreSummary summary(PieceStore s) {
        try {
            return s == null ? null : s.summary();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
