package org.debswarm.rfc822;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** How a test feeds its input: in one piece, or one byte per read as a slow network would. */
public enum Feed {
    WHOLE {
        @Override
        public InputStream wrap(InputStream in) {
            return in;
        }
    },
    BYTE_BY_BYTE {
        @Override
        public InputStream wrap(InputStream in) {
            return new OneByteAtATime(in);
        }
    };

    public abstract InputStream wrap(InputStream in);

    public InputStream of(byte[] bytes) {
        return wrap(new ByteArrayInputStream(bytes));
    }

    public InputStream of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Parameters for {@code @RunWith(Parameterized.class)}. */
    public static List<Object[]> both() {
        return Arrays.asList(new Object[] {WHOLE}, new Object[] {BYTE_BY_BYTE});
    }

    /** Returns at most one byte per read call. */
    static final class OneByteAtATime extends FilterInputStream {
        OneByteAtATime(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return len == 0 ? 0 : super.read(b, off, 1);
        }
    }
}
