package org.debswarm.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The console guard (bundle org.debswarm.consoleguard) on the real bin/debswarm: the console never answers on the
 * apt and tracker ports, in any spelling and from their first request on (issue 15, F3); state-changing requests
 * from another origin are refused while the console's own pages and clients without browser headers still work
 * (F1).
 */
public class ConsoleGuardIT {

    /** Every spelling a review or a servlet container might map to the console. */
    private static final String[] CONSOLE_SPELLINGS = {"/system/console/bundles", "/system/console;x/bundles",
        "/system;x/console/bundles", "/system/console%3Bx/bundles", "/system/console%3bx/bundles",
        "//system//console/bundles", "/./system/./console/bundles", "/SYSTEM/CONSOLE/bundles",
        "/System/Console/bundles", "/system./console./bundles", "/system/console./bundles",
        "/debian/../system/console/bundles", "/system/%63onsole/bundles", "/system/console%2Fbundles",
        "/..;/system/console/bundles", "/system/console", "/system/console/", "/system/console;x"};
    private static final String BANNER = "Ctrl-C stops the node";
    private static final String PLUGIN = "/system/console/bundles/org.apache.felix.webconsole.plugins.ds";

    @Rule
    public TemporaryFolder work = new TemporaryFolder();

    @Test
    public void theConsoleNeverAnswersOnTheAptAndTrackerPortsFromTheirFirstRequestOn() throws Exception {
        try (NodeProcess node = NodeProcess.start(work.getRoot().toPath())) {
            // From the start of the process until both ports answer and the node has started, every answer of the
            // two ports to a console path is 404; before the guard started with the console, the first ones were
            // the console's own 401.
            List<String> seen = new ArrayList<>();
            boolean aptAnswered = false;
            boolean trackerAnswered = false;
            while (!(aptAnswered && trackerAnswered && outputSoFar(node).contains(BANNER))) {
                assertTrue("the node is still running:\n" + outputSoFar(node), node.process().isAlive());
                int apt = statusOrMinusOne(node.aptPort(), "/system/console;x/bundles", null);
                int tracker = statusOrMinusOne(node.trackerPort(), "/system/console;x/bundles", null);
                aptAnswered |= apt != -1;
                trackerAnswered |= tracker != -1;
                seen.add(apt + "/" + tracker);
                assertTrue("a console answer at start: " + seen, (apt == -1 || apt == 404)
                        && (tracker == -1 || tracker == 404));
                if (apt == -1 || tracker == -1) {
                    Thread.sleep(20); // not listening yet: an outside process sends no event for that
                }
            }
            String password = Files.readString(node.home().resolve("etc/console-password")).strip();
            // the Debswarm bundles (deploy/) have started too: the tracker answers for itself
            assertEquals(200, node.awaitStatus(node.trackerPort(), "/announce", null, null, 200, Duration.ofSeconds(60)));
            for (int port : new int[] {node.aptPort(), node.trackerPort()}) {
                for (String target : CONSOLE_SPELLINGS) {
                    int status = status(port, target, password);
                    assertTrue(target + " on port " + port + " answered " + status, status == 404 || status == 400);
                }
                assertEquals(404, status(port, "/system/console;x/bundles", password));
                assertEquals(404, status(port, "/system/console%3Bx/bundles", password));
            }
            assertEquals("the console on its own port", 200, status(node.consolePort(), "/system/console/bundles",
                    password));
        }
    }

    @Test
    public void crossOriginRequestsAreRefusedAndSameOriginOnesWork() throws Exception {
        try (NodeProcess node = NodeProcess.start(work.getRoot().toPath())) {
            node.awaitStarted(Duration.ofSeconds(60));
            String password = Files.readString(node.home().resolve("etc/console-password")).strip();
            int console = node.consolePort();
            String self = "http://127.0.0.1:" + console;
            assertEquals("Active", pluginState(console, password));

            for (String origin : new String[] {"Origin: http://evil.example", "Origin: null",
                "Referer: http://evil.example/attack.html", "Origin: http://127.0.0.1:" + node.aptPort()}) {
                assertEquals(origin, 403, post(console, PLUGIN, password, origin, "action=stop"));
                assertEquals(origin, "Active", pluginState(console, password));
            }
            // configuration through the console's configuration manager: refused, nothing saved
            assertEquals(403, post(console, "/system/console/configMgr/org.debswarm.evil", password,
                    "Origin: http://evil.example", "apply=true&propertylist=x&x=attacker.example"));
            assertEquals(403, post(console, "/system/console/bundles", password, "Origin: http://evil.example",
                    "action=install"));
            assertFalse("nothing saved", Files.exists(node.home().resolve("config/org/debswarm/evil.config")));

            assertEquals("the console's own page", 200, post(console, PLUGIN, password, "Origin: " + self,
                    "action=stop"));
            assertEquals("Resolved", pluginState(console, password));
            assertEquals("curl and the admin CLI send neither header", 200, post(console, PLUGIN, password, null,
                    "action=start"));
            assertEquals("Active", pluginState(console, password));
            assertEquals("a Referer from the console itself", 200, post(console, PLUGIN, password,
                    "Referer: " + self + "/system/console/bundles", "action=refresh"));
            assertEquals("GET stays untouched", 200, status(console, "/system/console/bundles", password,
                    "Origin: http://evil.example"));
        }
    }

    /** What the node printed so far; nothing before its first line. */
    private static String outputSoFar(NodeProcess node) throws IOException {
        try {
            return node.output();
        } catch (java.nio.file.NoSuchFileException nothingYet) {
            return "";
        }
    }

    private static String pluginState(int port, String password) throws IOException {
        Matcher state = Pattern.compile("\"state\":\"(\\w+)\"")
                .matcher(exchange(port, "GET", PLUGIN + ".json", password, null, null).body);
        assertTrue("the plugin's state", state.find());
        return state.group(1);
    }

    private static int statusOrMinusOne(int port, String target, String password) {
        try {
            return status(port, target, password);
        } catch (IOException notListening) {
            return -1;
        }
    }

    private static int status(int port, String target, String password) throws IOException {
        return status(port, target, password, null);
    }

    private static int status(int port, String target, String password, String header) throws IOException {
        return exchange(port, "GET", target, password, header, null).status;
    }

    private static int post(int port, String target, String password, String header, String form)
            throws IOException {
        return exchange(port, "POST", target, password, header, form).status;
    }

    private record Answer(int status, String body) {
    }

    /** One request written byte for byte (so the target reaches the server exactly as spelled), one answer. */
    private static Answer exchange(int port, String method, String target, String password, String header,
            String form) throws IOException {
        StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nConnection: close\r\n");
        if (password != null) {
            request.append("Authorization: Basic ").append(Base64.getEncoder()
                    .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8))).append("\r\n");
        }
        if (header != null) {
            request.append(header).append("\r\n");
        }
        byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
        if (form != null) {
            request.append("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ")
                    .append(body.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
            Matcher statusLine = Pattern.compile("^HTTP/1\\.[01] (\\d{3})").matcher(answer);
            if (!statusLine.find()) {
                throw new IOException("no HTTP answer: " + answer);
            }
            return new Answer(Integer.parseInt(statusLine.group(1)), answer);
        }
    }
}
