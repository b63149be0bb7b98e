package org.debswarm.aptlistener.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.debswarm.rfc822.ClearSigned;
import org.debswarm.rfc822.internal.DefaultControlParser;
import org.junit.Test;

/**
 * Release signatures with Bouncy Castle: fixtures made by gpg with a throwaway key (good, tampered text,
 * unknown key, SHA-1 digest, detached armored and binary), broken clearsign armor, and the real bookworm
 * InRelease against Debian's real archive keyring.
 */
public class SignatureCheckTest {

    static final Path FIXTURES = Path.of("src/test/resources/signatures");
    private static final KeyRing TEST_KEY = KeyRing.load(List.of(FIXTURES.resolve("test-keyring.gpg")));

    @Test
    public void aGoodInReleaseVerifies() throws IOException {
        SignatureCheck.Verdict verdict = SignatureCheck.clearSigned(clearSigned("InRelease"), TEST_KEY);
        assertTrue(verdict.detail(), verdict.good());
    }

    @Test
    public void anArmoredKeyRingWorksAsWellAsABinaryOne() throws IOException {
        KeyRing armored = KeyRing.load(List.of(FIXTURES.resolve("test-keyring.asc")));
        assertTrue(SignatureCheck.clearSigned(clearSigned("InRelease"), armored).good());
        KeyRing folder = KeyRing.load(List.of(FIXTURES));
        assertTrue("a folder gives every key ring in it", SignatureCheck.clearSigned(clearSigned("InRelease"), folder).good());
    }

    @Test
    public void aTamperedTextIsABadSignature() throws IOException {
        SignatureCheck.Verdict verdict = SignatureCheck.clearSigned(clearSigned("InRelease-tampered"), TEST_KEY);
        assertFalse(verdict.good());
        assertTrue(verdict.detail(), verdict.detail().startsWith("BAD signature"));
    }

    @Test
    public void aSignatureByAnUnknownKeyIsNotTrusted() throws IOException {
        SignatureCheck.Verdict verdict = SignatureCheck.clearSigned(clearSigned("InRelease-other-key"), TEST_KEY);
        assertFalse(verdict.good());
        assertTrue(verdict.detail(), verdict.detail().contains("unknown key"));
        KeyRing other = KeyRing.load(List.of(FIXTURES.resolve("other-keyring.gpg")));
        assertTrue("an Ed25519 key verifies when trusted",
                SignatureCheck.clearSigned(clearSigned("InRelease-other-key"), other).good());
        assertFalse("no keys at all", SignatureCheck.clearSigned(clearSigned("InRelease"), KeyRing.of(List.of())).good());
    }

    @Test
    public void aSha1SignatureIsNotTrusted() throws IOException {
        SignatureCheck.Verdict verdict = SignatureCheck.clearSigned(clearSigned("InRelease-sha1"), TEST_KEY);
        assertFalse(verdict.good());
        assertTrue(verdict.detail(), verdict.detail().contains("weak digest"));
    }

    @Test
    public void detachedSignaturesArmoredOrBinary() throws IOException {
        byte[] release = Files.readAllBytes(FIXTURES.resolve("Release"));
        assertTrue(SignatureCheck.detached(release, Files.readAllBytes(FIXTURES.resolve("Release.gpg")), TEST_KEY).good());
        assertTrue(SignatureCheck.detached(release, Files.readAllBytes(FIXTURES.resolve("Release.sig")), TEST_KEY).good());
        byte[] changed = new String(release, StandardCharsets.UTF_8).replace("fixture", "fixturf")
                .getBytes(StandardCharsets.UTF_8);
        assertFalse(SignatureCheck.detached(changed, Files.readAllBytes(FIXTURES.resolve("Release.gpg")), TEST_KEY).good());
        assertFalse(SignatureCheck.detached(release, "not a signature".getBytes(StandardCharsets.US_ASCII), TEST_KEY).good());
        assertFalse(SignatureCheck.detached(release, new byte[SignatureCheck.MAX_SIGNATURE_BYTES + 1], TEST_KEY).good());
    }

    @Test
    public void brokenClearsignArmorIsAnErrorOrABadSignature() throws IOException {
        String good = Files.readString(FIXTURES.resolve("InRelease"));
        String noEnd = good.substring(0, good.indexOf("-----END PGP SIGNATURE-----"));
        assertThrows(IOException.class, () -> clearSignedText(noEnd));
        // a damaged base64 body parses as armor but not as a signature
        int body = good.indexOf("\n\n", good.indexOf("-----BEGIN PGP SIGNATURE-----")) + 2;
        String damaged = good.substring(0, body) + "AAAA" + good.substring(body + 4);
        assertFalse(SignatureCheck.clearSigned(clearSignedText(damaged), TEST_KEY).good());
        String garbage = good.substring(0, body) + "////\n" + good.substring(good.indexOf("-----END PGP SIGNATURE-----"));
        assertFalse(SignatureCheck.clearSigned(clearSignedText(garbage), TEST_KEY).good());
    }

    @Test
    public void theRealBookwormInReleaseVerifiesAgainstDebiansKeyring() throws IOException {
        Path keyring = Path.of("/usr/share/keyrings/debian-archive-keyring.gpg");
        org.junit.Assume.assumeTrue("Debian's archive keyring is installed", Files.isRegularFile(keyring));
        org.junit.Assume.assumeTrue(Files.isRegularFile(ReleaseNamesTest.IN_RELEASE));
        ClearSigned real;
        try (var in = Files.newInputStream(ReleaseNamesTest.IN_RELEASE)) {
            real = new DefaultControlParser().clearSigned(in);
        }
        SignatureCheck.Verdict verdict = SignatureCheck.clearSigned(real, KeyRing.load(List.of(keyring)));
        assertTrue(verdict.detail(), verdict.good());
        assertFalse(SignatureCheck.clearSigned(real, TEST_KEY).good());
    }

    static ClearSigned clearSigned(String name) throws IOException {
        return clearSignedText(Files.readString(FIXTURES.resolve(name)));
    }

    private static ClearSigned clearSignedText(String text) throws IOException {
        return new DefaultControlParser().clearSigned(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }
}
