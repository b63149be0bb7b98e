package org.debswarm.rfc822;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.debswarm.rfc822.internal.DefaultControlParser;
import org.junit.Test;

/** Who closes the stream, and streams that misbehave without being malformed. */
public class StreamContractTest {

    private final ControlParser parser = new DefaultControlParser();

    @Test
    public void readersCloseTheirStream() throws IOException {
        TrackingStream in = new TrackingStream("Package: a\n");
        try (ParagraphReader reader = parser.paragraphs(in)) {
            assertEquals("a", reader.next().field("Package"));
        }
        assertTrue(in.closed);
        TrackingStream packages = new TrackingStream(PackageReaderTest.ENTRY);
        parser.packages(packages).close();
        assertTrue(packages.closed);
        TrackingStream sources = new TrackingStream("");
        parser.sources(sources).close();
        assertTrue(sources.closed);
    }

    @Test
    public void oneShotMethodsLeaveTheStreamOpen() throws IOException {
        TrackingStream release = new TrackingStream("Suite: x\n");
        parser.release(release);
        assertFalse(release.closed);
        TrackingStream index = new TrackingStream("SHA256-Current: " + "0".repeat(64) + " 1\n");
        parser.diffIndex(index);
        assertFalse(index.closed);
        TrackingStream signed = new TrackingStream(ClearSignedTest.SIGNED);
        parser.clearSigned(signed);
        assertFalse(signed.closed);
    }

    @Test
    public void streamThatSometimesReturnsZeroBytes() throws IOException {
        InputStream zeroes = new FilterInputStream(new ByteArrayInputStream("A: 1\nB: 2\n\nA: 3\n".getBytes(UTF_8))) {
            private boolean zero;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                zero = !zero;
                return zero ? 0 : super.read(b, off, Math.min(len, 3));
            }
        };
        try (ParagraphReader reader = parser.paragraphs(zeroes)) {
            assertEquals("2", reader.next().field("B"));
            assertEquals("3", reader.next().field("A"));
            assertNull(reader.next());
        }
    }

    private static final class TrackingStream extends ByteArrayInputStream {
        boolean closed;

        TrackingStream(String text) {
            super(text.getBytes(UTF_8));
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
