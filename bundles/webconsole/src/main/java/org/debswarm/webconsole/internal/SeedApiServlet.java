package org.debswarm.webconsole.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.debswarm.node.SeedImport;
import org.debswarm.node.SeedImportReport;
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

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The seed API of {@code debswarm seed import}, behind the console's own login (as {@link StatusServlet}):
 * {@code POST /debswarm/api/seed/import?folder=F} starts importing the package files of folder F (202 with the
 * report); {@code GET /debswarm/api/seed[?wait=S]} gives the running or last import's report, after waiting at most
 * S seconds (0-60) for a running one to finish. Errors are {@code {"error": ...}}: 400 bad folder or wait, 404 no
 * import ran, 405, 409 an import runs already, 503 without the node's {@link SeedImport} service.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({SeedApiServlet.BASE, SeedApiServlet.BASE + "/*"})
@HttpWhiteboardServletName("debswarm-seed-api")
@HttpWhiteboardTarget(MetricsConfiguration.DEFAULT_TARGET)
@HttpWhiteboardContextSelect(MetricsConfiguration.DEFAULT_CONTEXT)
public final class SeedApiServlet extends HttpServlet {

    static final String BASE = "/debswarm/api/seed";
    static final int MAX_WAIT_SECONDS = 60;
    private static final long serialVersionUID = 1L;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile SeedImport seeds;

    private final transient ServletContextHelper console;

    @Activate
    public SeedApiServlet(@Reference(target = MetricsConfiguration.CONSOLE_CONTEXT) ServletContextHelper console) {
        this.console = console;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!ApiResponse.admitted(console, request, response)) {
            return;
        }
        SeedImport s = seeds;
        if (s == null) {
            ApiResponse.fail(response, 503, "no seed import service: the node bundle is stopped or being updated");
            return;
        }
        String action = request.getPathInfo() == null ? "" : request.getPathInfo().replaceFirst("^/", "");
        switch (action) {
            case "" -> report(request, response, s);
            case "import" -> start(request, response, s);
            default -> ApiResponse.fail(response, 404, "unknown action " + action + " (expected: import)");
        }
    }

    private void start(HttpServletRequest request, HttpServletResponse response, SeedImport s) throws IOException {
        if (!"POST".equals(request.getMethod())) {
            ApiResponse.fail(response, 405, "use POST to start an import");
            return;
        }
        String folder = request.getParameter("folder");
        try {
            ApiResponse.send(response, 202, SeedImportJson.of(s.start(Path.of(folder == null ? "" : folder))));
        } catch (IllegalArgumentException e) {
            ApiResponse.fail(response, 400, e.getMessage());
        } catch (IllegalStateException e) {
            ApiResponse.fail(response, 409, e.getMessage());
        }
    }

    private void report(HttpServletRequest request, HttpServletResponse response, SeedImport s) throws IOException {
        if (!"GET".equals(request.getMethod())) {
            ApiResponse.fail(response, 405, "use GET for the report");
            return;
        }
        int wait;
        try {
            wait = request.getParameter("wait") == null ? 0 : Integer.parseInt(request.getParameter("wait"));
        } catch (NumberFormatException e) {
            wait = -1;
        }
        if (wait < 0 || wait > MAX_WAIT_SECONDS) {
            ApiResponse.fail(response, 400, "wait: whole seconds from 0 to " + MAX_WAIT_SECONDS);
            return;
        }
        if (wait > 0 && s.last().isPresent()) {
            awaitDone(s, wait);
        }
        Optional<SeedImportReport> last = s.last();
        if (last.isEmpty()) {
            ApiResponse.fail(response, 404, "no import ran since the node started");
        } else {
            ApiResponse.send(response, 200, SeedImportJson.of(last.get()));
        }
    }

    private static void awaitDone(SeedImport s, int seconds) {
        try {
            s.whenDone().get(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // still running, or gone: the report says which
        }
    }
}
