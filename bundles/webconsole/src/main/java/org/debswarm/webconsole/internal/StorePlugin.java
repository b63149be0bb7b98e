package org.debswarm.webconsole.internal;

import java.io.IOException;

import org.apache.felix.webconsole.servlet.ServletConstants;
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

/** Web Console page "Store": use against the limits and the stored files. */
@Component(service = Servlet.class, property = {
    ServletConstants.PLUGIN_LABEL + "=" + StorePlugin.LABEL,
    ServletConstants.PLUGIN_TITLE + "=Store",
    ServletConstants.PLUGIN_CATEGORY + "=" + Page.CATEGORY})
public final class StorePlugin extends HttpServlet {

    static final String LABEL = "debswarm-store";
    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile PieceStore store;

    /** For Declarative Services, which injects the reference. */
    public StorePlugin() {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Page.write(response, StorePage.render(store));
    }
}
