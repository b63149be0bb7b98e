package org.debswarm.webconsole.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.debswarm.aptlistener.IndexCatalog;
import org.debswarm.aptlistener.IndexParseCounts;
import org.debswarm.governor.GovernorStats;
import org.debswarm.governor.HttpGovernor;
import org.debswarm.node.NodeWarnings;
import org.debswarm.peerwire.PeerWire;
import org.debswarm.peerwire.SessionSnapshot;
import org.debswarm.stats.StatsView;
import org.debswarm.tracker.TrackerStats;
import org.debswarm.storage.PieceStore;
import org.debswarm.storage.StoreUsage;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /metrics} (Prometheus text 0.0.4) and {@code /debswarm/stats.json} on the console's Jetty, through
 * the Servlet Whiteboard (not a console page: a scraper does not log in to the console). Every service is
 * optional and dynamic (statistics, governor, peer wire, the apt listener's {@link IndexCatalog} for its index
 * parse counts), so an update of one of them changes the answer, not the servlet.
 */
@Component(service = Servlet.class, configurationPid = MetricsConfiguration.PID)
@Designate(ocd = MetricsConfiguration.class)
@HttpWhiteboardServletPattern({MetricsServlet.METRICS, MetricsServlet.STATS_JSON})
@HttpWhiteboardServletName("debswarm-metrics")
@HttpWhiteboardTarget(MetricsConfiguration.DEFAULT_TARGET)
@HttpWhiteboardContextSelect(MetricsConfiguration.DEFAULT_CONTEXT)
public final class MetricsServlet extends HttpServlet {

    static final String METRICS = "/metrics";
    static final String STATS_JSON = "/debswarm/stats.json";
    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile StatsView stats;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile HttpGovernor governor;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile PeerWire peerWire;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile IndexCatalog catalog;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile PieceStore store;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile NodeWarnings warnings;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile TrackerStats tracker;

    /** For Declarative Services, which injects the references. */
    public MetricsServlet() {
    }

    MetricsServlet(StatsView stats, HttpGovernor governor) {
        this(stats, governor, null);
    }

    MetricsServlet(StatsView stats, HttpGovernor governor, PeerWire peerWire) {
        this(stats, governor, peerWire, null);
    }

    MetricsServlet(StatsView stats, HttpGovernor governor, PeerWire peerWire, IndexCatalog catalog) {
        this.stats = stats;
        this.governor = governor;
        this.peerWire = peerWire;
        this.catalog = catalog;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        StatsView s = stats;
        HttpGovernor g = governor;
        GovernorStats snapshot = g == null ? null : snapshot(g);
        IndexParseCounts parses = parseCounts(catalog);
        response.setHeader("Cache-Control", "no-store");
        if (STATS_JSON.equals(request.getServletPath())) {
            send(response, "application/json", StatsJson.render(s, snapshot, sessions(peerWire), parses,
                    SetupWarnings.current(warnings, tracker)));
        } else {
            send(response, PrometheusText.CONTENT_TYPE,
                    MetricsText.render(s, snapshot, parses, Optional.of(usage(store))));
        }
    }

    // A governor being stopped while we read counts as absent; the next scrape sees the new one.
    private static GovernorStats snapshot(HttpGovernor g) {
        try {
            return g.snapshot();
        } catch (RuntimeException e) {
            return null;
        }
    }

    // The peer wire being replaced while we read counts as absent, as the governor does.
    private static java.util.List<SessionSnapshot> sessions(PeerWire p) {
        try {
            return p == null ? null : p.sessions();
        } catch (RuntimeException e) {
            return null;
        }
    }

    // The store failing or being replaced while we read counts as absent, as the governor does.
    private static Optional<StoreUsage> usage(PieceStore p) {
        try {
            return p == null ? Optional.empty() : Optional.of(p.usage());
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    // The apt listener being replaced while we read counts as absent, as the governor does.
    private static IndexParseCounts parseCounts(IndexCatalog c) {
        try {
            return c == null ? null : c.parseCounts();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void send(HttpServletResponse response, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(type);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
