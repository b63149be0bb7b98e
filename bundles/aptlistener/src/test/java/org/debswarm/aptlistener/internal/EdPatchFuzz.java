package org.debswarm.aptlistener.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Fuzz target (Jazzer, see docs/fuzzing.md): an ed patch of a pdiff (what follows the first NUL byte of the
 * input is the file it is applied to), parsed within a 64 KiB limit and applied, once from whole streams and once
 * from streams that give one byte per read. A {@link EdPatch.PatchException} is the documented answer to a bad
 * patch; anything else escaping is a finding, and so are two feeds that end differently.
 */
public final class EdPatchFuzz {

    private static final long MAX_PATCH_BYTES = 64 << 10;

    private EdPatchFuzz() {
    }

    public static void fuzzerTestOneInput(byte[] input) {
        int nul = 0;
        while (nul < input.length && input[nul] != 0) {
            nul++;
        }
        byte[] base = nul < input.length ? Arrays.copyOfRange(input, nul + 1, input.length) : new byte[0];
        byte[] patch = Arrays.copyOf(input, nul);
        String whole = outcome(new ByteArrayInputStream(patch), new ByteArrayInputStream(base));
        String slowly = outcome(oneByteAtATime(patch), oneByteAtATime(base));
        if (!whole.equals(slowly)) {
            throw new IllegalStateException("whole: " + whole + ", one byte per read: " + slowly);
        }
    }

    /** The patched file's hash, or the refusal. */
    private static String outcome(InputStream patch, InputStream base) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            EdPatch.parse(patch, MAX_PATCH_BYTES).apply(base, out);
            return "patched: " + Arrays.hashCode(out.toByteArray());
        } catch (EdPatch.PatchException e) {
            return "refused: " + e.getMessage();
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail to read", e);
        }
    }

    private static InputStream oneByteAtATime(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : super.read(b, off, 1);
            }
        };
    }
}
