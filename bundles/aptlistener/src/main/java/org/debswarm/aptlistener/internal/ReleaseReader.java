package org.debswarm.aptlistener.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.debswarm.rfc822.ClearSigned;
import org.debswarm.rfc822.ControlParser;
import org.debswarm.rfc822.ReleaseFile;

/**
 * Reads a Release file and checks its signature: an {@code InRelease} by its own clearsigned armor, a plain
 * {@code Release} by its detached {@code Release.gpg} when the cache holds one. The parse is the rfc822
 * bundle's; the check is {@link SignatureCheck}'s against the mirror's {@link TrustedKeys}.
 */
final class ReleaseReader {

    /** A Release larger than this is not read (bookworm's InRelease: 151 KB). */
    static final long MAX_RELEASE_BYTES = 32L << 20;

    /** A parsed Release and the verdict on its signature. */
    record Result(ReleaseFile release, SignatureCheck.Verdict verdict) {
    }

    private final TrustedKeys keys;

    ReleaseReader(TrustedKeys keys) {
        this.keys = keys;
    }

    /**
     * @param releasePath the path of the Release or InRelease, relative to the host
     * @param file its cached copy
     * @param detachedSignature the cached {@code Release.gpg} of a plain Release, if any
     * @throws IOException if the file cannot be read or parsed (a broken clearsign armor included)
     */
    Result read(ControlParser parser, String host, String releasePath, Path file, Optional<Path> detachedSignature)
            throws IOException {
        long size = Files.size(file);
        if (size > MAX_RELEASE_BYTES) {
            throw new IOException("Release of " + size + " bytes (expected: <= " + MAX_RELEASE_BYTES + ")");
        }
        KeyRing ring = keys.forMirror(host);
        if (releasePath.endsWith("InRelease")) {
            ClearSigned signed;
            try (InputStream in = Files.newInputStream(file)) {
                signed = parser.clearSigned(in);
            }
            return new Result(parser.release(signed.signedTextStream()), SignatureCheck.clearSigned(signed, ring));
        }
        byte[] bytes = Files.readAllBytes(file);
        ReleaseFile release = parser.release(new java.io.ByteArrayInputStream(bytes));
        if (detachedSignature.isEmpty()) {
            return new Result(release, SignatureCheck.Verdict.bad("no Release.gpg (yet)"));
        }
        long sigSize = Files.size(detachedSignature.get());
        if (sigSize > SignatureCheck.MAX_SIGNATURE_BYTES) {
            return new Result(release, SignatureCheck.Verdict.bad("Release.gpg of " + sigSize + " bytes"));
        }
        return new Result(release, SignatureCheck.detached(bytes, Files.readAllBytes(detachedSignature.get()), ring));
    }
}
