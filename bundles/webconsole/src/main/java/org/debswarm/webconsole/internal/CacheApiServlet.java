package org.debswarm.webconsole.internal;

import java.io.IOException;

import org.debswarm.storage.PieceStore;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The cache API of the {@code debswarm} admin command, on the console's Jetty behind the console's own login (the
 * request goes to the Web Console's servlet context helper, as in {@link StatusServlet}):
 * {@code GET /debswarm/api/cache} lists the stored files with the store's use against its limits; {@code POST /debswarm/api/cache/pin?path=P}, {@code /unpin?path=P},
 * {@code /verify[?path=P]}, {@code /evict?path=P}. Answers are JSON; errors are {@code {"error": "..."}} with
 * 400 (bad path), 401 (login), 404 (nothing stored there, unknown action), 405, 409 (pinned or in use), 503 (no
 * store).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({CacheApiServlet.BASE, CacheApiServlet.BASE + "/*"})
@HttpWhiteboardServletName("debswarm-cache-api")
@HttpWhiteboardTarget(MetricsConfiguration.DEFAULT_TARGET)
@HttpWhiteboardContextSelect(MetricsConfiguration.DEFAULT_CONTEXT)
public final class CacheApiServlet extends HttpServlet {

    static final String BASE = "/debswarm/api/cache";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CacheApiServlet.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile PieceStore store;

    private final transient ServletContextHelper console;

    @Activate
    public CacheApiServlet(@Reference(target = MetricsConfiguration.CONSOLE_CONTEXT) ServletContextHelper console) {
        this.console = console;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!ApiResponse.admitted(console, request, response)) {
            return;
        }
        PieceStore s = store;
        if (s == null) {
            send(response, CacheApi.Answer.error(503, "no PieceStore service: the storage bundle is stopped or being updated"));
            return;
        }
        try {
            send(response, answer(new CacheApi(s), request));
        } catch (IllegalArgumentException e) {
            send(response, CacheApi.Answer.error(400, e.getMessage()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cache API {} failed: {}", request.getPathInfo(), e.toString());
            send(response, CacheApi.Answer.error(500, "the store failed: " + e.getMessage()));
        }
    }

    private static CacheApi.Answer answer(CacheApi api, HttpServletRequest request) throws IOException {
        String action = request.getPathInfo() == null || request.getPathInfo().equals("/") ? ""
                : request.getPathInfo().substring(1);
        String method = request.getMethod();
        if (action.isEmpty()) {
            return "GET".equals(method) ? api.list() : CacheApi.Answer.error(405, "use GET to list the cache");
        }
        if (!"POST".equals(method)) {
            return CacheApi.Answer.error(405, "use POST for " + action);
        }
        String path = request.getParameter("path");
        return switch (action) {
            case "pin" -> api.pin(required(path), true);
            case "unpin" -> api.pin(required(path), false);
            case "evict" -> api.evict(required(path));
            case "verify" -> api.verify(path);
            default -> CacheApi.Answer.error(404, "unknown action " + action + " (expected: pin, unpin, verify, evict)");
        };
    }

    private static String required(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("missing parameter path=<mirror host>/<archive path>");
        }
        return path;
    }

    private static void send(HttpServletResponse response, CacheApi.Answer answer) throws IOException {
        ApiResponse.send(response, answer.status(), answer.json());
    }
}
