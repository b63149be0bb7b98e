package org.debswarm.rfc822;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.debswarm.rfc822.internal.DefaultControlParser;

/**
 * Fuzz target (Jazzer, see docs/fuzzing.md): any bytes as an InRelease (clear-signed, then its signed text as a
 * Release file) and as a plain Release file, with every accessor the apt listener uses. A
 * {@link ControlParseException} is the documented answer to bad input; anything else escaping is a finding.
 */
public final class ReleaseFuzz {

    private static final ControlParser PARSER = new DefaultControlParser();

    private ReleaseFuzz() {
    }

    public static void fuzzerTestOneInput(byte[] input) {
        try {
            ClearSigned signed = PARSER.clearSigned(new ByteArrayInputStream(input));
            signed.signatureArmor();
            signed.hashAlgorithm();
            release(signed.signedText());
        } catch (ControlParseException expected) {
            // the documented refusal
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail to read", e);
        }
        release(input);
    }

    private static void release(byte[] text) {
        try {
            ReleaseFile release = PARSER.release(new ByteArrayInputStream(text));
            release.dateInstant();
            release.validUntilInstant();
            release.architectures();
            release.components();
            release.acquireByHash();
            for (FileChecksum file : release.sha256Files()) {
                release.sha256(file.path());
            }
            release.md5Files();
        } catch (ControlParseException expected) {
            // the documented refusal
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array cannot fail to read", e);
        }
    }
}
