package org.debswarm.rfc822;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.CoreMatchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThat;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.debswarm.rfc822.internal.DefaultControlParser;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/** Cleartext signatures (RFC 4880 section 7): correct, dash-escaped, CR LF, broken and truncated armor. */
@RunWith(Parameterized.class)
public class ClearSignedTest {

    static final String SIGNATURE = "-----BEGIN PGP SIGNATURE-----\n"
            + "Comment: test\n"
            + "\n"
            + "iQIzBAEBCAAdFiEEuOXxMXbSp6dSIAKAeNujvEfvImUFAmpSGCgACgkQeNujvEfv\n"
            + "ImVr4w/9GwlnmcK8+pf4=\n"
            + "=AfjX\n"
            + "-----END PGP SIGNATURE-----\n";

    static final String SIGNED = "-----BEGIN PGP SIGNED MESSAGE-----\n"
            + "Hash: SHA256\n"
            + "\n"
            + "Origin: Test\n"
            + "Suite: testing  \n"
            + "Description: x\n"
            + "- -----BEGIN looks like armor\n"
            + "- - dash\n"
            + SIGNATURE;

    @Parameters(name = "{0}")
    public static List<Object[]> feeds() {
        return Feed.both();
    }

    private final Feed feed;
    private final ControlParser parser = new DefaultControlParser();

    public ClearSignedTest(Feed feed) {
        this.feed = feed;
    }

    @Test
    public void splitsTheRealInRelease() throws IOException {
        byte[] inRelease = Files.readAllBytes(Fixtures.bookworm("InRelease"));
        ClearSigned signed = parser.clearSigned(feed.of(inRelease));
        assertEquals("SHA256", signed.hashAlgorithm());
        String text = new String(signed.signedText(), UTF_8);
        assertTrue(text.startsWith("Origin: Debian\nLabel: Debian\nSuite: oldstable\n"));
        assertTrue(text.endsWith(" 5d27e4146c269f89eb420bd8884da52498658fcf9612bb2725aeacb051fe905a"
                + "    77952 non-free/source/Sources.xz"));
        assertTrue(signed.signatureArmor().startsWith("-----BEGIN PGP SIGNATURE-----\n\niQIzBAEBCAAd"));
        assertTrue(signed.signatureArmor().endsWith("\n=AfjX\n-----END PGP SIGNATURE-----\n"));
        String whole = new String(inRelease, UTF_8);
        assertEquals(whole.substring(whole.indexOf("-----BEGIN PGP SIGNATURE-----")), signed.signatureArmor());
        assertEquals(whole.substring(whole.indexOf("Origin:"), whole.indexOf("\n-----BEGIN PGP SIGNATURE")), text);
    }

    @Test
    public void undoesDashEscapingAndDropsTrailingBlanks() throws IOException {
        ClearSigned signed = parser.clearSigned(feed.of(SIGNED));
        assertEquals("Origin: Test\nSuite: testing\nDescription: x\n-----BEGIN looks like armor\n- dash",
                new String(signed.signedText(), UTF_8));
        assertEquals(SIGNATURE, signed.signatureArmor());
    }

    @Test
    public void signedTextParsesAsRelease() throws IOException {
        String plain = SIGNED.replace("- -----BEGIN looks like armor\n- - dash\n", "");
        ReleaseFile release = parser.release(parser.clearSigned(feed.of(plain)).signedTextStream());
        assertEquals("testing", release.suite());
        assertEquals("x", release.paragraph().field("Description"));
    }

    @Test
    public void acceptsCrLfAndSurroundingEmptyLines() throws IOException {
        String crlf = ("\n\n" + SIGNED + "\n\n").replace("\n", "\r\n");
        ClearSigned signed = parser.clearSigned(feed.of(crlf));
        assertEquals(parser.clearSigned(feed.of(SIGNED)), signed);
    }

    @Test
    public void joinsSeveralHashHeadersAndAllowsNone() throws IOException {
        String two = SIGNED.replace("Hash: SHA256\n", "Hash: SHA1, SHA256\nHash: SHA512\n");
        assertEquals("SHA1,SHA256,SHA512", parser.clearSigned(feed.of(two)).hashAlgorithm());
        assertNull(parser.clearSigned(feed.of(SIGNED.replace("Hash: SHA256\n", ""))).hashAlgorithm());
    }

    @Test
    public void acceptsEndLineWithoutNewline() throws IOException {
        String noNewline = SIGNED.substring(0, SIGNED.length() - 1);
        assertEquals(SIGNATURE, parser.clearSigned(feed.of(noNewline)).signatureArmor());
    }

    @Test
    public void missingBeginLine() throws IOException {
        assertFails("Origin: Debian\n" + SIGNATURE, 1,
                "expected -----BEGIN PGP SIGNED MESSAGE-----, found 'Origin: Debian'");
        assertFails("", 0, "truncated: no -----BEGIN PGP SIGNED MESSAGE----- line");
    }

    @Test
    public void badArmorHeaders() throws IOException {
        assertFails(SIGNED.replace("Hash: SHA256", "Hash SHA256"), 2, "malformed armor header 'Hash SHA256'");
        assertFails(SIGNED.replace("Hash: SHA256", "Comment: sneaky"), 2,
                "armor header 'Comment' before the signed text (expected: only Hash)");
        assertFails(SIGNED.replace("Comment: test", "Comment test"), 10, "malformed armor header 'Comment test'");
    }

    @Test
    public void missingBeginSignature() throws IOException {
        assertFails(SIGNED.substring(0, SIGNED.indexOf("-----BEGIN PGP SIGNATURE")), 8,
                "truncated: no -----BEGIN PGP SIGNATURE----- after the signed text");
    }

    @Test
    public void missingEndSignature() throws IOException {
        assertFails(SIGNED.replace("-----END PGP SIGNATURE-----\n", ""), 14,
                "truncated: no -----END PGP SIGNATURE-----");
    }

    @Test
    public void unescapedDashLineInTheText() throws IOException {
        assertFails(SIGNED.replace("- - dash", "-- dash"), 8, "line starts with '-' but is not dash-escaped");
        assertFails(SIGNED.replace("- - dash", "-----END PGP SIGNATURE-----"), 8, "not dash-escaped");
    }

    @Test
    public void garbageInTheSignature() throws IOException {
        assertFails(SIGNED.replace("ImVr4w/9GwlnmcK8+pf4=", "ImVr4w/9 not base64"), 13, "expected: base64 data");
        assertFails(SIGNED.replace("=AfjX\n", "=AfjX\nmore\n"), 15, "after the armor checksum");
        assertFails(SIGNED.replace("Comment: test\n\n", "Comment: test\n"), 11, "malformed armor header");
        String empty = "-----BEGIN PGP SIGNATURE-----\n\n-----END PGP SIGNATURE-----\n";
        assertFails(SIGNED.replace(SIGNATURE, empty), 11, "empty signature");
    }

    @Test
    public void contentAfterTheSignature() throws IOException {
        assertFails(SIGNED + "\nOrigin: Evil\n", 17, "unexpected content after -----END PGP SIGNATURE-----");
        assertFails(SIGNED + SIGNED, 16, "unexpected content after");
    }

    @Test
    public void everyTruncationBeforeTheEndLineFails() throws IOException {
        int end = SIGNED.indexOf("-----END PGP SIGNATURE-----") + "-----END PGP SIGNATURE-----".length();
        for (int cut = 0; cut < end; cut++) {
            try {
                parser.clearSigned(feed.of(SIGNED.substring(0, cut)));
                fail("accepted a document cut after " + cut + " characters");
            } catch (ControlParseException expected) {
                assertTrue(expected.getMessage(), expected.line() >= 0);
            }
        }
    }

    @Test
    public void signedTextIsBounded() throws IOException {
        String big = SIGNED.replace("Description: x\n", "Description: x\n" + " filler line\n".repeat(100));
        ParserLimits limits = ParserLimits.of(100, 1000, 10);
        try {
            parser.clearSigned(feed.of(big), limits);
            fail();
        } catch (ControlParseException e) {
            assertThat(e.getMessage(), containsString("signed text longer than 1000 bytes (expected: <= 1000"));
        }
    }

    private void assertFails(String text, int line, String problem) throws IOException {
        try {
            parser.clearSigned(feed.of(text));
            fail("accepted: " + text);
        } catch (ControlParseException e) {
            assertThat(e.getMessage(), containsString(problem));
            assertEquals(e.getMessage(), line, e.line());
        }
    }
}
