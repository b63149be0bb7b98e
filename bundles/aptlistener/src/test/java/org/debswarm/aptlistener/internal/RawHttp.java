package org.debswarm.aptlistener.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** HTTP/1.1 over a plain socket: any request line, pipelining, and responses read exactly. */
final class RawHttp implements AutoCloseable {

    /** A response: status, headers (lower-case names), body (null when cut short). */
    record Reply(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return body == null ? null : new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;

    RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
    }

    void send(String requestHead) throws IOException {
        socket.getOutputStream().write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** @return a GET (or other method) request head for {@code target}, with Host */
    static String request(String method, String target, String host, String... headers) {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: " + host + "\r\n");
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    /** Reads one response; its body by Content-Length or chunks, none for HEAD or 304. */
    Reply read(boolean head) throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(); line != null && !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        if (head || status == 304 || status == 204) {
            return new Reply(status, headers, new byte[0]);
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            return new Reply(status, headers, chunked());
        }
        long length = Long.parseLong(headers.getOrDefault("content-length", "-1"));
        return new Reply(status, headers, length < 0 ? in.readAllBytes() : exactly(length));
    }

    /** The body of a response whose head {@link #read read(true)} returned, by its Content-Length. */
    byte[] body(Reply head) throws IOException {
        return exactly(Long.parseLong(head.headers().get("content-length")));
    }

    private byte[] exactly(long length) throws IOException {
        byte[] body = in.readNBytes((int) length);
        return body.length == length ? body : null;
    }

    private byte[] chunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
            body.write(in.readNBytes(size));
            line();
        }
        line();
        return body.toByteArray();
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** @return whether the server closed the connection (a read returns end of stream) */
    boolean closedByServer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
