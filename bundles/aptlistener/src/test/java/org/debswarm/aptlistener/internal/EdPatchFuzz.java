package org.debswarm.aptlistener.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Fuzz target (Jazzer, see docs/fuzzing.md): an ed patch of a pdiff (what follows the first NUL byte of the
 * input is the file it is applied to), parsed within a 64 KiB limit and applied. A
 * {@link EdPatch.PatchException} is the documented answer to a bad patch; anything else escaping is a finding.
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
        try {
            EdPatch patch = EdPatch.parse(new ByteArrayInputStream(input, 0, nul), MAX_PATCH_BYTES);
            patch.apply(new ByteArrayInputStream(base), new ByteArrayOutputStream());
        } catch (EdPatch.PatchException expected) {
            // the documented refusal
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail to read", e);
        }
    }
}
