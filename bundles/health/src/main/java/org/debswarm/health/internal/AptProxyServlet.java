package org.debswarm.health.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.debswarm.health.Readiness;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardTarget;

/**
 * {@code GET /debswarm/apt-proxy?uri=U} on the console port, no login: the one line apt's
 * {@code Acquire::http::Proxy-Auto-Detect} script prints for U. The node's apt address when the node is ready
 * and U's mirror is one the apt listener proxies; otherwise {@code DIRECT}, so a stopped, starting or
 * misconfigured node, or a repository the node does not proxy, never breaks apt.
 */
@Component(service = Servlet.class, configurationPid = HealthConfiguration.PID)
@HttpWhiteboardServletPattern("/debswarm/apt-proxy")
@HttpWhiteboardServletName("debswarm-apt-proxy")
@HttpWhiteboardTarget("(!(org.apache.felix.http.name=*))")
@HttpWhiteboardContextSelect("(osgi.http.whiteboard.context.name=default)")
public final class AptProxyServlet extends HttpServlet {

    static final String DIRECT = "DIRECT";
    private static final long serialVersionUID = 1L;

    private final transient Readiness readiness;
    private final transient ConfigurationAdmin config;
    private final transient MetaTypeService metaType;
    private final transient BundleContext context;
    private final String pid;
    private transient volatile String endpoint;

    @Activate
    public AptProxyServlet(@Reference Readiness readiness, @Reference ConfigurationAdmin config,
            @Reference MetaTypeService metaType, BundleContext context, HealthConfiguration settings) {
        this.readiness = readiness;
        this.config = config;
        this.metaType = metaType;
        this.context = context;
        this.pid = settings.aptListenerPid();
    }

    /** The apt instance's address, from its runtime's {@code osgi.http.endpoint}. */
    @Reference(name = "aptRuntime", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            target = HealthConfiguration.APT_TARGET, updated = "bindRuntime")
    void bindRuntime(HttpServiceRuntime runtime, Map<String, Object> properties) {
        endpoint = Endpoints.proxyAddress(properties.get("osgi.http.endpoint"));
    }

    void unbindRuntime(HttpServiceRuntime runtime, Map<String, Object> properties) {
        endpoint = null;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = (answer(request.getParameter("uri")) + "\n").getBytes(StandardCharsets.UTF_8);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/plain;charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    String answer(String uri) throws IOException {
        String proxy = endpoint;
        String authority = authority(uri);
        if (proxy == null || authority == null || !readiness.ready()) {
            return DIRECT;
        }
        Set<String> allowed = AllowedMirrors.read(config, metaType, context.getBundles(), pid);
        return allowed.contains(AllowedMirrors.normalize(authority)) ? proxy : DIRECT;
    }

    /** The authority of an http:// URI; null for anything else (apt asks only for http, but a script may not). */
    static String authority(String uri) {
        if (uri == null) {
            return null;
        }
        try {
            URI parsed = new URI(uri);
            return "http".equalsIgnoreCase(parsed.getScheme()) ? parsed.getRawAuthority() : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
