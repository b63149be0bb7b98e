package org.debswarm.consoleguard.internal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.osgi.service.servlet.whiteboard.Preprocessor;

/**
 * Keeps the Felix Web Console on the console's own port. The console binds to every Jetty instance of Felix
 * HTTP, so without this it would also answer on the apt listener's and the tracker's ports (with the same
 * login), which an administrator may open to the LAN for apt without meaning to open the console. Registered
 * for the named instances (every Debswarm port but the console's), it answers 404 to every spelling of the
 * console's paths ({@link ConsolePath}) before any servlet sees the request. Restricting the console itself
 * ({@code http.service.filter}) would take a configuration of the console, which replaces the launcher's
 * generated password.
 */
final class ConsoleConfinement implements Preprocessor {

    /** The Jetty instances that have a name: the apt listener's and the tracker's, not the console's. */
    static final String NAMED_INSTANCES = "(org.apache.felix.http.name=*)";

    @Override
    public void init(FilterConfig config) {
        // nothing to set up
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && ConsolePath.isConsole(http.getRequestURI())) {
            ((HttpServletResponse) response).sendError(HttpServletResponse.SC_NOT_FOUND,
                    "The Web Console is on the console port only");
            return;
        }
        chain.doFilter(request, response);
    }

    @Override
    public void destroy() {
        // nothing held
    }
}
