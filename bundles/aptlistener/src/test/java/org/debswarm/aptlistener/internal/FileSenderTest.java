package org.debswarm.aptlistener.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.server.Server;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Files sent through Jetty's own {@code write(ByteBuffer)} from pooled direct buffers, and through the heap copy
 * where a stream lacks it or a pooled buffer is not free: the same bytes either way.
 */
public class FileSenderTest {

    private static final int SIZE = 3 * FileSender.BUFFER + 4321;

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private Path file;
    private byte[] bytes;

    @Before
    public void writeFile() throws IOException {
        bytes = new byte[SIZE];
        new Random(5).nextBytes(bytes);
        file = Files.write(folder.getRoot().toPath().resolve("file.deb"), bytes);
    }

    @Test
    public void jettySendsFromDirectBuffersAWholeFileAndARange() throws Exception {
        AtomicBoolean direct = new AtomicBoolean();
        FileSender sender = new FileSender(2);
        Server server = LoopbackJetty.serve(new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                long first = Long.parseLong(request.getParameter("first"));
                long count = Long.parseLong(request.getParameter("count"));
                direct.set(FileSender.writesBuffers(response.getOutputStream()));
                response.setContentLengthLong(count);
                try (FileChannel channel = FileChannel.open(file)) {
                    sender.send(channel, first, count, response.getOutputStream());
                }
            }
        });
        try {
            assertArrayEquals(bytes, get(server, 0, SIZE));
            assertTrue("Jetty's output stream writes ByteBuffers itself", direct.get());
            assertArrayEquals(Arrays.copyOfRange(bytes, 1000, 1000 + FileSender.BUFFER + 7),
                    get(server, 1000, FileSender.BUFFER + 7));
        } finally {
            server.stop();
        }
    }

    @Test
    public void aStreamWithoutItsOwnBufferWriteGetsTheHeapCopy() throws Exception {
        Collecting out = new Collecting();
        assertFalse(FileSender.writesBuffers(out));
        try (FileChannel channel = FileChannel.open(file)) {
            new FileSender(2).send(channel, 10, SIZE - 10, out);
        }
        assertArrayEquals(Arrays.copyOfRange(bytes, 10, SIZE), out.bytes.toByteArray());
    }

    @Test
    public void aFailedWriteDoesNotReuseItsBufferAndLaterSendsStillWork() throws Exception {
        FileSender sender = new FileSender(1);
        try (FileChannel channel = FileChannel.open(file)) {
            try {
                sender.send(channel, 0, SIZE, new BufferWriting(true));
                fail("the write failed");
            } catch (IOException expected) {
                assertEquals("client went away", expected.getMessage());
            }
            BufferWriting good = new BufferWriting(false);
            assertTrue(FileSender.writesBuffers(good));
            sender.send(channel, 0, SIZE, good);
            assertArrayEquals(bytes, good.bytes.toByteArray());
            assertTrue("a direct buffer, made anew after the failed one was dropped", good.direct);
        }
    }

    private static byte[] get(Server server, long first, long count) throws IOException {
        var url = java.net.URI.create("http://127.0.0.1:" + LoopbackJetty.port(server) + "/f?first=" + first
                + "&count=" + count).toURL();
        try (var in = url.openStream()) {
            return in.readAllBytes();
        }
    }

    /** A stream with only the API's {@code write(ByteBuffer)} (which copies into a new array). */
    private static class Collecting extends ServletOutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException();
        }
    }

    /** A stream that writes ByteBuffers itself, as Jetty's does, or fails as a departed client does. */
    private static final class BufferWriting extends Collecting {
        private final boolean failing;
        boolean direct = true;

        BufferWriting(boolean failing) {
            this.failing = failing;
        }

        @Override
        public void write(ByteBuffer buffer) throws IOException {
            if (failing) {
                throw new IOException("client went away");
            }
            direct &= buffer.isDirect();
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            bytes.write(chunk, 0, chunk.length);
        }
    }
}
