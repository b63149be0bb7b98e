package org.debswarm.peerwire.internal;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.debswarm.peerwire.internal.wire.Handshake;
import org.debswarm.peerwire.internal.wire.Heard;
import org.debswarm.peerwire.internal.wire.Heard.Bitfield;
import org.debswarm.peerwire.internal.wire.Heard.Piece;
import org.debswarm.peerwire.internal.wire.Heard.Request;
import org.debswarm.peerwire.internal.wire.Heard.Unchoke;
import org.debswarm.peerwire.internal.wire.Message;
import org.debswarm.torrent.InfoHash;

/**
 * A misbehaving peer on a blocking socket, driven by one thread the test owns: it claims every piece and
 * answers every request with random bytes. Read timeouts bound every wait; {@link #close} stops the thread.
 */
public final class FakePeer implements AutoCloseable {

    private final ServerSocket server;
    private final InfoHash infoHash;
    private final int pieceCount;
    private final Thread thread;
    public final CompletableFuture<String> ended = new CompletableFuture<>();
    volatile int blocksServed;
    private volatile Socket socket;

    /** A lying seeder that waits for a connection. */
    public FakePeer(InfoHash infoHash, int pieceCount) throws IOException {
        this.server = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
        this.server.setSoTimeout((int) TimeUnit.SECONDS.toMillis(EngineTestSupport.WAIT_SECONDS));
        this.infoHash = infoHash;
        this.pieceCount = pieceCount;
        this.thread = new Thread(this::serve, "test-fake-peer");
        thread.start();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", server.getLocalPort());
    }

    private void serve() {
        try (Socket socket = server.accept()) {
            this.socket = socket;
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(EngineTestSupport.WAIT_SECONDS));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            in.readFully(new byte[Handshake.LENGTH]);
            write(out, Handshake.of(infoHash, "-XX0000-liarliarliar".getBytes()).toBuffer());
            java.util.BitSet all = new java.util.BitSet();
            all.set(0, pieceCount);
            write(out, Bitfield.of(all, pieceCount).message().toBuffer());
            write(out, Unchoke.INSTANCE.message().toBuffer());
            Random random = new Random(1);
            while (true) {
                int length = in.readInt();
                byte[] body = new byte[length];
                in.readFully(body);
                if (length == 13 && body[0] == 6) {
                    ByteBuffer b = ByteBuffer.wrap(body, 1, 12);
                    Request r = new Request(b.getInt(), b.getInt(), b.getInt());
                    byte[] junk = new byte[r.length()];
                    random.nextBytes(junk);
                    write(out, new Piece(r.piece(), r.begin(), junk).message().toBuffer());
                    blocksServed++;
                }
            }
        } catch (EOFException e) {
            ended.complete("closed by the engine");
        } catch (SocketTimeoutException e) {
            ended.complete("timed out");
        } catch (IOException e) {
            ended.complete(e.toString());
        }
    }

    private static void write(OutputStream out, ByteBuffer buffer) throws IOException {
        out.write(buffer.array(), buffer.position(), buffer.remaining());
        out.flush();
    }

    static void send(OutputStream out, Message m) throws IOException {
        write(out, m.toBuffer());
    }

    static void send(OutputStream out, Heard m) throws IOException {
        send(out, m.message());
    }

    @Override
    public void close() throws Exception {
        server.close();
        Socket s = socket;
        if (s != null) {
            s.close();
        }
        thread.join(TimeUnit.SECONDS.toMillis(EngineTestSupport.WAIT_SECONDS));
    }
}
