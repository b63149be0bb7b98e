package org.debswarm.peerwire.internal.wire;

import static org.debswarm.peerwire.internal.wire.WireFeed.bytes;
import static org.debswarm.peerwire.internal.wire.WireFeed.decode;
import static org.debswarm.peerwire.internal.wire.WireFeed.hex;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.debswarm.torrent.bencode.Bencode;
import org.junit.Test;

/**
 * BEP 11 {@code ut_pex} and the fleet key messages, byte-exact: correct (whole and byte by byte through the
 * message decoder, and round trips), truncated, invalid and oversized payloads.
 */
public class PeerExchangeTest {

    private static final InetSocketAddress V4 = new InetSocketAddress("10.1.2.3", 6881);
    private static final InetSocketAddress V6 = new InetSocketAddress("fd00::1", 0x1ae1);

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    // correct

    @Test
    public void addedAndDroppedCompactIpv4AndIpv6ByteExact() throws Exception {
        PeerExchange pex = new PeerExchange(List.of(V4, V6), List.of(new InetSocketAddress("10.0.0.9", 80)));
        Extended message = (Extended) pex.toMessage(7);
        String payload = "d5:added6:" + "\n\u0001\u0002\u0003\u001a\u00e1" + "7:added.f1:\u0010"
                + "6:added618:" + "\u00fd" + "\u0000".repeat(14) + "\u0001\u001a\u00e1" + "8:added6.f1:\u0010"
                + "7:dropped6:\n\u0000\u0000\u0009\u0000\u0050" + "8:dropped60:e";
        assertEquals(hex(ascii(payload)), hex(message.payload()));
        assertEquals(List.of(message), decode(bytes(message)));
        PeerExchange back = PeerExchange.parse(message.payload());
        assertEquals(pex, back);
    }

    @Test
    public void unknownKeysAndFlagsAreIgnoredAndPortZeroSkipped() throws Exception {
        byte[] payload = ascii("d5:added12:\n\u0001\u0002\u0003\u001a\u00e1\n\u0001\u0002\u0004\u0000\u0000"
                + "7:added.f2:xy1:xi5ee");
        assertEquals(new PeerExchange(List.of(V4), List.of()), PeerExchange.parse(payload));
        assertEquals(new PeerExchange(List.of(), List.of()), PeerExchange.parse(ascii("de")));
    }

    @Test
    public void fleetProofAndHandshakeNonceRoundTrip() throws Exception {
        byte[] proof = new byte[32];
        proof[0] = 1;
        Extended m = (Extended) new FleetProof(proof).toMessage(3);
        assertEquals(hex(ascii("d5:proof32:")) + hex(proof) + "65", hex(m.payload()));
        assertArrayEquals(proof, FleetProof.parse(m.payload()).proof());
        byte[] nonce = new byte[20];
        nonce[19] = 9;
        ExtensionHandshake hs = new ExtensionHandshake(Map.of(FleetProof.NAME, 3), "x", 1, 2, nonce);
        assertEquals(hs, ExtensionHandshake.parse(WireFeed.payload(hs.toMessage())));
        assertArrayEquals(nonce, ExtensionHandshake.parse(WireFeed.payload(hs.toMessage())).fleetNonce());
    }

    // truncated

    @Test
    public void truncatedPayloadsAreProtocolErrors() {
        byte[] whole = WireFeed.payload(new PeerExchange(List.of(V4), List.of()).toMessage(1));
        for (int n = 0; n < whole.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(whole, n);
            assertThrows("prefix of " + n, PeerWireException.class, () -> PeerExchange.parse(cut));
        }
    }

    // invalid

    @Test
    public void partialAddressesAndWrongTypesAreRefusedWithTheReason() {
        assertEquals("ut_pex added of 5 bytes (expected: a string of 6-byte entries)",
                assertThrows(PeerWireException.class, () -> PeerExchange.parse(ascii("d5:added5:abcdee")))
                        .getMessage());
        assertEquals("ut_pex dropped6 is an integer (expected: a string of 18-byte entries)",
                assertThrows(PeerWireException.class, () -> PeerExchange.parse(ascii("d8:dropped6i3ee")))
                        .getMessage());
        assertEquals("ut_pex payload is a list (expected: a dictionary)",
                assertThrows(PeerWireException.class, () -> PeerExchange.parse(ascii("le"))).getMessage());
        assertEquals("ds_fleet payload of 14 bytes (expected: {proof: 32 bytes})",
                assertThrows(PeerWireException.class, () -> FleetProof.parse(ascii("d5:proof3:abce")))
                        .getMessage());
    }

    @Test
    public void aHandshakeNonceOfAnotherLengthIsNoNonce() throws Exception {
        byte[] payload = Bencode.encode(Map.of("ds_fleet_nonce", new byte[5], "m", Map.of()));
        assertEquals(0, ExtensionHandshake.parse(payload).fleetNonce().length);
    }

    // oversized

    @Test
    public void moreThanAHundredPeersInAListAreRefused() {
        byte[] payload = Bencode.encode(Map.of("added", new byte[101 * 6]));
        assertEquals("ut_pex added of 101 peers (expected: <= 100)",
                assertThrows(PeerWireException.class, () -> PeerExchange.parse(payload)).getMessage());
        byte[] huge = Bencode.encode(Map.of("added6", new byte[2000 * 18]));
        assertThrows(PeerWireException.class, () -> PeerExchange.parse(huge));
    }

    // any input: a message or a PeerWireException, never another exception

    @Test
    public void mutatedPayloadsGiveAMessageOrTheOneException() {
        byte[] pex = WireFeed.payload(new PeerExchange(List.of(V4, V6), List.of(V4)).toMessage(1));
        byte[] proof = WireFeed.payload(new FleetProof(new byte[32]).toMessage(1));
        byte[] hs = WireFeed.payload(new ExtensionHandshake(Map.of(FleetProof.NAME, 3), "x", 1, 2, new byte[20])
                .toMessage());
        java.util.Random random = new java.util.Random(11);
        for (int round = 0; round < 20_000; round++) {
            for (byte[] valid : List.of(pex, proof, hs)) {
                byte[] data = java.util.Arrays.copyOf(valid, Math.max(0, valid.length + random.nextInt(8) - 4));
                for (int m = 0; data.length > 0 && m < 1 + random.nextInt(3); m++) {
                    data[random.nextInt(data.length)] = (byte) random.nextInt(256);
                }
                try {
                    if (valid == pex) {
                        PeerExchange.parse(data);
                    } else if (valid == proof) {
                        FleetProof.parse(data);
                    } else {
                        ExtensionHandshake.parse(data);
                    }
                } catch (PeerWireException e) {
                    // expected for most
                }
            }
        }
    }
}
