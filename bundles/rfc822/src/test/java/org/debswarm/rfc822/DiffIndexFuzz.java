package org.debswarm.rfc822;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.debswarm.rfc822.internal.DefaultControlParser;

/**
 * Fuzz target (Jazzer, see docs/fuzzing.md): any bytes as a pdiff Index (Packages.diff/Index), with every list
 * the pdiff follower reads. A {@link ControlParseException} is the documented answer to bad input; anything else
 * escaping is a finding.
 */
public final class DiffIndexFuzz {

    private static final ControlParser PARSER = new DefaultControlParser();

    private DiffIndexFuzz() {
    }

    public static void fuzzerTestOneInput(byte[] input) {
        try {
            DiffIndex index = PARSER.diffIndex(new ByteArrayInputStream(input));
            index.current();
            index.history();
            index.patches();
            index.download();
            index.unmergedHistory();
            index.unmergedPatches();
            index.unmergedDownload();
            index.patchPrecedence();
        } catch (ControlParseException expected) {
            // the documented refusal
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail to read", e);
        }
    }
}
