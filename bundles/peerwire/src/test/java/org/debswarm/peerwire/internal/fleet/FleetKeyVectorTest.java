package org.debswarm.peerwire.internal.fleet;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

import org.debswarm.torrent.InfoHash;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The worked example of docs/torrent-format.md, "Fleet key" (computed independently with Python's hmac). */
public class FleetKeyVectorTest {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private static final byte[] A = "-DS0100-AAAAAAAAAAAA".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] B = "-DS0100-BBBBBBBBBBBB".getBytes(StandardCharsets.US_ASCII);

    private static byte[] filled(int value) {
        byte[] b = new byte[20];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static InfoHash example() {
        byte[] h = new byte[20];
        for (int i = 0; i < 20; i++) {
            h[i] = (byte) i;
        }
        return InfoHash.of(h);
    }

    @Test
    public void workedExampleFromAKeyFileWithATrailingNewline() throws Exception {
        Path file = folder.getRoot().toPath().resolve("fleet.key");
        Files.writeString(file, "debswarm example fleet key 0001\n", StandardCharsets.US_ASCII);
        FleetKey key = FleetKey.read(file);
        InfoHash wire = key.wireHash(example());
        assertEquals("a8b6d8b4bddb889c4cda74e3c5ddeab4876ff776", wire.toHex());
        byte[] proof = key.proof(wire, A, B, filled(1), filled(2));
        assertEquals("875be9cfc60bf6ff30d47ad9b83b505ef9b1bfc3b6307f3d45df6b058d4c8aa1",
                HexFormat.of().formatHex(proof));
        assertTrue(key.verify(proof, wire, A, B, filled(1), filled(2)));
        assertFalse("a proof is bound to its direction", key.verify(proof, wire, B, A, filled(2), filled(1)));
        assertEquals("the content swarm's id (section 9)", "1c4f51fa4b24a13a5039fc1d60c836314b839989",
                key.contentSwarm().toHex());
    }

    @Test
    public void shortKeysAreRefusedWithHowToMakeOne() throws Exception {
        IOException e = assertThrows(IOException.class, () -> FleetKey.of("too short \n".getBytes(), "file k"));
        assertEquals("fleet key file k holds 9 bytes (expected: 16 to 4096; make one with: head -c 32 /dev/urandom"
                + " | base64 > fleet.key)", e.getMessage());
        assertEquals("FleetKey[not shown]", FleetKey.of(new byte[32], "x").toString());
    }
}
