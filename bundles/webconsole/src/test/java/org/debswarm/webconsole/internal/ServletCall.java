package org.debswarm.webconsole.internal;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** One GET of a whiteboard servlet (not a console page), with what it answered. */
final class ServletCall {

    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final Map<String, String> headers = new HashMap<>();
    int status = 200;
    String contentType;
    int contentLength = -1;

    static ServletCall get(HttpServlet servlet, String servletPath) throws Exception {
        ServletCall call = new ServletCall();
        HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(ServletCall.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> "GET";
                    case "getServletPath" -> servletPath;
                    case "getPathInfo", "getParameter", "getAttribute" -> null;
                    case "getProtocol" -> "HTTP/1.1";
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        servlet.service(request, call.response());
        return call;
    }

    String body() {
        assertLength();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void assertLength() {
        if (contentLength != bytes.size()) {
            throw new AssertionError("Content-Length " + contentLength + " but " + bytes.size() + " bytes");
        }
    }

    private HttpServletResponse response() {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException();
            }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(ServletCall.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, m, args) -> {
                    switch (m.getName()) {
                        case "setStatus" -> status = (Integer) args[0];
                        case "setContentType" -> contentType = (String) args[0];
                        case "setContentLength" -> contentLength = (Integer) args[0];
                        case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                        case "getOutputStream" -> {
                            return out;
                        }
                        default -> throw new UnsupportedOperationException(m.getName());
                    }
                    return null;
                });
    }
}
