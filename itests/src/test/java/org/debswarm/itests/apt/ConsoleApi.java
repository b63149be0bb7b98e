package org.debswarm.itests.apt;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;

import org.debswarm.itests.NodeProcess;

/** Calls the node's console port as the {@code debswarm} admin command does: basic auth, no Origin header. */
final class ConsoleApi {

    /** A status and the body as text. */
    record Reply(int status, String body) {
    }

    private final NodeProcess node;

    ConsoleApi(NodeProcess node) {
        this.node = node;
    }

    Reply get(String path) throws IOException {
        return call("GET", path, true);
    }

    Reply post(String action, String file) throws IOException {
        String query = file == null ? "" : "?path=" + URLEncoder.encode(file, StandardCharsets.UTF_8);
        return call("POST", "/debswarm/api/cache/" + action + query, true);
    }

    Reply call(String method, String path, boolean login) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + node.consolePort() + path).toURL()
                .openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(5000);
        c.setReadTimeout(60000);
        if (login) {
            String password = Files.readString(node.home().resolve("etc/console-password")).trim();
            c.setRequestProperty("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            int status = c.getResponseCode();
            InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Reply(status, body);
        } finally {
            c.disconnect();
        }
    }
}
