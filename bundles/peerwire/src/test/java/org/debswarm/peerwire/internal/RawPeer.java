package org.debswarm.peerwire.internal;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.debswarm.peerwire.internal.wire.Handshake;
import org.debswarm.peerwire.internal.wire.Heard;
import org.debswarm.peerwire.internal.wire.Message;
import org.debswarm.torrent.InfoHash;

/**
 * A scripted peer on a blocking socket in the test's own thread: it dials the engine, sends what the test says
 * and records every message the engine sends until the engine closes the connection. Read timeouts bound every
 * wait.
 */
final class RawPeer implements AutoCloseable {

    final byte[] peerId = "-XX0000-outsider0000".getBytes();
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    /** The torrent's piece count, which bitfields must match. */
    int pieceCount = 1;

    RawPeer(InetSocketAddress engine) throws IOException {
        this(connect(engine));
    }

    private RawPeer(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(EngineTestSupport.WAIT_SECONDS));
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** A peer the engine dialled. */
    static RawPeer over(Socket accepted) throws IOException {
        return new RawPeer(accepted);
    }

    private static Socket connect(InetSocketAddress engine) throws IOException {
        Socket s = new Socket();
        s.connect(engine, (int) TimeUnit.SECONDS.toMillis(EngineTestSupport.WAIT_SECONDS));
        return s;
    }

    void send(ByteBuffer bytes) throws IOException {
        out.write(bytes.array(), bytes.position(), bytes.remaining());
        out.flush();
    }

    void send(Message m) throws IOException {
        send(m.toBuffer());
    }

    void send(Heard m) throws IOException {
        send(m.message());
    }

    /** Sends our handshake for {@code infoHash}, extension bit set. */
    void handshake(InfoHash infoHash) throws IOException {
        send(Handshake.of(infoHash, peerId).toBuffer());
    }

    /** The engine's handshake, or null if it closed the connection first. */
    Handshake readHandshake() throws IOException {
        byte[] bytes = new byte[Handshake.LENGTH];
        try {
            in.readFully(bytes);
        } catch (EOFException | java.net.SocketException e) {
            return null;
        }
        Handshake[] hs = new Handshake[1];
        Handshake.decode(ByteBuffer.wrap(bytes), hs);
        return hs[0];
    }

    /** The next message, or null when the engine closed the connection. */
    Heard read() throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException | java.net.SocketException e) {
            return null; // closed, or reset when the engine closed with our bytes unread
        }
        byte[] frame = new byte[4 + length];
        ByteBuffer.wrap(frame).putInt(length);
        in.readFully(frame, 4, length);
        return Heard.read(ByteBuffer.wrap(frame), pieceCount).get(0);
    }

    /** Every message until the engine closes the connection. */
    List<Heard> readUntilClosed() throws IOException {
        List<Heard> list = new ArrayList<>();
        for (Heard m = read(); m != null; m = read()) {
            list.add(m);
        }
        return list;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
