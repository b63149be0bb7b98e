package org.debswarm.health.internal;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.After;
import org.junit.Test;

/** The handover filter on a real Jetty, in front of servlets that fail as a replaced whiteboard servlet does. */
public class AptHandoverTest {

    private final Server server = new Server();

    @After
    public void stop() throws Exception {
        server.stop();
    }

    @Test
    public void aServletUnregisteredMidRequestBecomesTheGates503() throws Exception {
        int port = serve(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException {
                response.setHeader("X-Half", "written"); // anything not yet committed is reset
                throw new ServletException("Servlet has been unregistered"); // Felix HTTP's ServletHandler
            }
        });
        HttpURLConnection answer = get(port);
        assertEquals(503, answer.getResponseCode());
        assertEquals(AptGate.RETRY_AFTER, answer.getHeaderField("Retry-After"));
        assertEquals(null, answer.getHeaderField("X-Half"));
        assertEquals("Debswarm is starting (or its apt listener is being replaced): not ready to serve apt yet\n",
                new String(answer.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    public void anAnswerAlreadyUnderWayIsLeftAsItIs() throws Exception {
        int port = serve(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response)
                    throws ServletException, IOException {
                response.setStatus(200);
                response.getOutputStream().write("partial".getBytes(StandardCharsets.UTF_8));
                response.flushBuffer();
                throw new ServletException("failed after the status went out");
            }
        });
        assertEquals("the status apt already has stays; the body is cut short", 200, get(port).getResponseCode());
    }

    @Test
    public void whatTheServletAnswersPassesUntouched() throws Exception {
        int port = serve(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.sendError(403, "not an allowed mirror");
            }
        });
        assertEquals(403, get(port).getResponseCode());
    }

    private int serve(HttpServlet servlet) throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder(new AptHandover()), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(servlet), "/*");
        server.setHandler(context);
        server.start();
        return connector.getLocalPort();
    }

    private static HttpURLConnection get(int port) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port
                + "/deb.debian.org/debian/dists/stable/InRelease").toURL().openConnection();
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(5000);
        return connection;
    }
}
