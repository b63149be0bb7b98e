package org.debswarm.webconsole.internal;

import java.io.IOException;

import org.apache.felix.webconsole.servlet.ServletConstants;
import org.debswarm.node.NodeWarnings;
import org.debswarm.stats.StatsView;
import org.debswarm.tracker.TrackerStats;
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
 * Web Console page "Overview": the setup's warnings (docs/fleet.md, "Traps"), then the node's totals, share from
 * peers, rates and charts.
 */
@Component(service = Servlet.class, property = {
    ServletConstants.PLUGIN_LABEL + "=" + OverviewPlugin.LABEL,
    ServletConstants.PLUGIN_TITLE + "=Overview",
    ServletConstants.PLUGIN_CATEGORY + "=" + Page.CATEGORY})
public final class OverviewPlugin extends HttpServlet {

    static final String LABEL = "debswarm";
    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile StatsView stats;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile NodeWarnings warnings;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile TrackerStats tracker;

    /** For Declarative Services, which injects the reference. */
    public OverviewPlugin() {
    }

    OverviewPlugin(StatsView stats) {
        this(stats, null, null);
    }

    OverviewPlugin(StatsView stats, NodeWarnings warnings, TrackerStats tracker) {
        this.stats = stats;
        this.warnings = warnings;
        this.tracker = tracker;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Page.write(response, OverviewPage.render(stats, SetupWarnings.current(warnings, tracker)));
    }
}
