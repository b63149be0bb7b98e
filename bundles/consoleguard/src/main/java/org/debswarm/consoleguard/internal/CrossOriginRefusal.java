package org.debswarm.consoleguard.internal;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.servlet.whiteboard.Preprocessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's defence against cross-site request forgery, for the console and every plugin at once: a request
 * that may change state (any method but GET, HEAD, OPTIONS and TRACE) is refused with 403 when its
 * {@code Origin} (or, without one, its {@code Referer}) is not the console's own origin (RFC 6454; the OWASP
 * "verifying origin with standard headers" defence). A browser sends {@code Origin} with every cross-origin POST,
 * so a page elsewhere cannot use the administrator's cached login. A request with neither header comes from no
 * browser (curl, the admin CLI) and passes; the console's login still applies to it.
 */
final class CrossOriginRefusal implements Preprocessor {

    /** The console's Jetty instance: the default one, without a name. */
    static final String CONSOLE_INSTANCE = "(!(org.apache.felix.http.name=*))";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    @Override
    public void init(FilterConfig config) {
        // nothing to set up
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && !allowed(http)) {
            Log.LOG.warn("Refused a cross-origin {} of {} from {}", http.getMethod(), http.getRequestURI(),
                    http.getRemoteAddr());
            ((HttpServletResponse) response).sendError(HttpServletResponse.SC_FORBIDDEN,
                    "Cross-origin request refused: Origin or Referer is not this console");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean allowed(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return true;
        }
        String origin = request.getHeader("Origin");
        String source = origin != null ? origin : request.getHeader("Referer");
        return source == null || Origins.sameAsServer(source, request);
    }

    @Override
    public void destroy() {
        // nothing held
    }

    /**
     * The logger, looked up at the first refusal and not when the class loads: this bundle starts before the
     * SLF4J provider (boot/ starts in file-name order), and SLF4J asked before its provider is there stays a
     * no-op for good.
     */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(CrossOriginRefusal.class);
    }
}
