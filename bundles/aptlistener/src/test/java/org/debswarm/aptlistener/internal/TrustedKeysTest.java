package org.debswarm.aptlistener.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Which key rings each mirror's Release must be signed by, from the configuration. */
public class TrustedKeysTest {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private static final String TEST = SignatureCheckTest.FIXTURES.resolve("test-keyring.gpg").toAbsolutePath().toString();
    private static final String OTHER = SignatureCheckTest.FIXTURES.resolve("other-keyring.gpg").toAbsolutePath().toString();

    @Test
    public void aMirrorWithItsOwnKeyRingsUsesOnlyThose() throws IOException {
        TrustedKeys keys = TrustedKeys.of(new String[] {OTHER}, new String[] {"Mirror.Example:80=" + TEST});
        assertTrue(SignatureCheck.clearSigned(SignatureCheckTest.clearSigned("InRelease"),
                keys.forMirror("mirror.example")).good());
        assertFalse("other mirrors use the default key rings", SignatureCheck.clearSigned(
                SignatureCheckTest.clearSigned("InRelease"), keys.forMirror("deb.debian.org")).good());
    }

    @Test
    public void aCfgFilesCommaSeparatedValuesAreSplit() throws IOException {
        TrustedKeys keys = TrustedKeys.of(new String[] {"/nonexistent, " + TEST}, new String[] {});
        assertTrue(SignatureCheck.clearSigned(SignatureCheckTest.clearSigned("InRelease"),
                keys.forMirror("deb.debian.org")).good());
    }

    @Test
    public void aBrokenKeyRingFileIsSkippedNotFatal() throws IOException {
        Path dir = folder.newFolder("keyrings").toPath();
        Files.writeString(dir.resolve("broken.gpg"), "not a key ring");
        Files.copy(Path.of(TEST), dir.resolve("test.gpg"));
        KeyRing ring = KeyRing.load(List.of(dir, Path.of("/nonexistent")));
        assertFalse(ring.isEmpty());
        assertTrue(SignatureCheck.clearSigned(SignatureCheckTest.clearSigned("InRelease"), ring).good());
    }

    @Test
    public void aMalformedEntryFailsActivationWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustedKeys.of(new String[0], new String[] {"no-equals-sign"}));
        assertTrue(e.getMessage(), e.getMessage().contains("host=/path/to/keyring.gpg"));
    }
}
