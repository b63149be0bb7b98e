package org.debswarm.webconsole.internal;

import java.io.IOException;

import org.apache.felix.webconsole.servlet.ServletConstants;
import org.debswarm.governor.HttpGovernor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Web Console page "Mirror governor": per mirror host, connections, queue, requests, bytes, errors. */
@Component(service = Servlet.class, property = {
    ServletConstants.PLUGIN_LABEL + "=" + GovernorPlugin.LABEL,
    ServletConstants.PLUGIN_TITLE + "=Mirror governor",
    ServletConstants.PLUGIN_CATEGORY + "=" + Page.CATEGORY})
public final class GovernorPlugin extends HttpServlet {

    static final String LABEL = "debswarm-governor";
    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile HttpGovernor governor;

    /** For Declarative Services, which injects the reference. */
    public GovernorPlugin() {
    }

    GovernorPlugin(HttpGovernor governor) {
        this.governor = governor;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Page.write(response, GovernorPage.render(governor));
    }
}
