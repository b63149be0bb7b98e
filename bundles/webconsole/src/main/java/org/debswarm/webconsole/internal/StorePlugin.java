package org.debswarm.webconsole.internal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.apache.felix.webconsole.servlet.ServletConstants;
import org.debswarm.node.SeedImport;
import org.debswarm.storage.PieceStore;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Web Console page "Store": seeding from a folder, use against the limits and the stored files. */
@Component(service = Servlet.class, property = {
    ServletConstants.PLUGIN_LABEL + "=" + StorePlugin.LABEL,
    ServletConstants.PLUGIN_TITLE + "=Store",
    ServletConstants.PLUGIN_CATEGORY + "=" + Page.CATEGORY})
public final class StorePlugin extends HttpServlet {

    static final String LABEL = "debswarm-store";
    static final String STARTED = "seedStarted";
    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile PieceStore store;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile SeedImport seeds;

    private final transient FormToken token = new FormToken();

    /** For Declarative Services, which injects the references. */
    public StorePlugin() {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String started = request.getParameter(STARTED);
        Page.write(response, StorePage.render(store, seeds, Page.root(request), token,
                started == null ? null : "Seed import of " + started + " started."));
    }

    /**
     * The seed import form: the token checked, the import started, then a redirect (303) to the page, so that
     * reloading it starts nothing.
     */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!token.matches(request.getParameter(FormToken.PARAMETER))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "missing or stale form token; reload the page");
            return;
        }
        SeedImport s = seeds;
        if (s == null || !"seed-import".equals(request.getParameter("action"))) {
            response.sendError(s == null ? HttpServletResponse.SC_SERVICE_UNAVAILABLE : HttpServletResponse.SC_BAD_REQUEST,
                    s == null ? "the node's seed import is not running" : "unknown action (expected: seed-import)");
            return;
        }
        String folder = request.getParameter("folder");
        try {
            s.start(Path.of(folder == null ? "" : folder.strip()));
        } catch (IllegalArgumentException | IllegalStateException e) {
            response.sendError(e instanceof IllegalStateException ? HttpServletResponse.SC_CONFLICT
                    : HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", Page.root(request) + "?" + STARTED + "="
                + URLEncoder.encode(folder.strip(), StandardCharsets.UTF_8));
    }
}
