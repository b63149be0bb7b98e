package org.debswarm.consoleguard.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.Test;

public class CrossOriginRefusalTest {

    private static final String CONSOLE = "http://127.0.0.1:8080";

    @Test
    public void aCrossOriginPostIsRefused() throws Exception {
        for (String origin : new String[] {"http://evil.example", "http://127.0.0.1:8081", "https://127.0.0.1:8080",
            "http://127.0.0.1.evil.example:8080", "null", "file://", "data:text/html,x", "", " ", "::::"}) {
            assertEquals(origin, 403, call("POST", Map.of("Origin", origin)));
        }
        for (String method : new String[] {"PUT", "DELETE", "PATCH", "PROPFIND", "post"}) {
            assertEquals(method, 403, call(method, Map.of("Origin", "http://evil.example")));
        }
    }

    @Test
    public void aRefererElsewhereCountsWhenThereIsNoOrigin() throws Exception {
        assertEquals(403, call("POST", Map.of("Referer", "http://evil.example/page.html")));
        assertEquals(200, call("POST", Map.of("Referer", CONSOLE + "/system/console/bundles")));
        // Origin wins over Referer when both are there
        assertEquals(403, call("POST", Map.of("Origin", "http://evil.example",
                "Referer", CONSOLE + "/system/console/bundles")));
    }

    @Test
    public void theConsolesOwnOriginPassesInAnySpelling() throws Exception {
        for (String origin : new String[] {CONSOLE, "HTTP://127.0.0.1:8080", CONSOLE + "/", " " + CONSOLE}) {
            assertEquals(origin, 200, call("POST", Map.of("Origin", origin)));
        }
        assertEquals(200, call("POST", "localhost", 80, Map.of("Origin", "http://LOCALHOST")));
        assertEquals(200, call("POST", "[::1]", 8080, Map.of("Origin", "http://[::1]:8080")));
        assertEquals(403, call("POST", "[::1]", 8080, Map.of("Origin", "http://[::2]:8080")));
    }

    @Test
    public void clientsWithoutBrowserHeadersAndSafeMethodsPass() throws Exception {
        assertEquals("curl, the admin CLI", 200, call("POST", Map.of()));
        assertEquals(200, call("DELETE", Map.of()));
        for (String method : new String[] {"GET", "HEAD", "OPTIONS", "TRACE"}) {
            assertEquals(method, 200, call(method, Map.of("Origin", "http://evil.example")));
        }
    }

    @Test
    public void theOriginCheckAlone() {
        HttpServletRequest console = request("POST", "127.0.0.1", 8080, Map.of());
        assertTrue(Origins.sameAsServer("http://127.0.0.1:8080/x?y#z", console));
        assertFalse(Origins.sameAsServer("http://127.0.0.1", console));
        assertFalse(Origins.sameAsServer("ftp://127.0.0.1:8080", console));
        assertFalse(Origins.sameAsServer("http://user@[bad", console));
    }

    private static int call(String method, Map<String, String> headers) throws Exception {
        return call(method, "127.0.0.1", 8080, headers);
    }

    /** The status the guard answered, or 200 when it passed the request on. */
    private static int call(String method, String host, int port, Map<String, String> headers) throws Exception {
        AtomicInteger status = new AtomicInteger(200);
        AtomicBoolean passed = new AtomicBoolean();
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(
                CrossOriginRefusalTest.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class},
                (proxy, m, args) -> {
                    if (m.getName().equals("sendError")) {
                        status.set((Integer) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
        new CrossOriginRefusal().doFilter(request(method, host, port, headers), response, (req, res) -> passed.set(true));
        assertEquals("passed on exactly when not refused", status.get() == 200, passed.get());
        return status.get();
    }

    private static HttpServletRequest request(String method, String host, int port, Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(CrossOriginRefusalTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getScheme" -> "http";
                    case "getServerName" -> host;
                    case "getServerPort" -> port;
                    case "getRequestURI" -> "/system/console/bundles/36";
                    case "getRemoteAddr" -> "127.0.0.1";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
