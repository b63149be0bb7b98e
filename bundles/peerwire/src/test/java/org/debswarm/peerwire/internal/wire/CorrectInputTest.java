package org.debswarm.peerwire.internal.wire;

import static org.debswarm.peerwire.internal.wire.WireFeed.bytes;
import static org.debswarm.peerwire.internal.wire.WireFeed.decode;
import static org.debswarm.peerwire.internal.wire.WireFeed.hex;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;

import org.junit.Test;

/** Every message, byte-exact: decoded whole and byte by byte, and encoded back to the same bytes. */
public class CorrectInputTest {

    private static void exact(String wire, Message expected) throws PeerWireException {
        byte[] data = hex(wire);
        assertEquals(List.of(expected), decode(data));
        assertEquals("encoding of " + expected, hex(data), hex(bytes(expected)));
    }

    @Test
    public void keepAlive() throws Exception {
        exact("00000000", KeepAlive.INSTANCE);
    }

    @Test
    public void stateMessages() throws Exception {
        exact("00000001 00", Choke.INSTANCE);
        exact("00000001 01", Unchoke.INSTANCE);
        exact("00000001 02", Interested.INSTANCE);
        exact("00000001 03", NotInterested.INSTANCE);
    }

    @Test
    public void have() throws Exception {
        exact("00000005 04 00000009", new Have(9));
    }

    @Test
    public void bitfieldOfTenPieces() throws Exception {
        // pieces 0, 7, 8 and 9: 1000 0001 11 + six spare zero bits
        Bitfield b = new Bitfield(new byte[] {(byte) 0x81, (byte) 0xc0});
        exact("00000003 05 81c0", b);
        assertEquals("{0, 7, 8, 9}", b.toBitSet().toString());
        assertEquals(b, Bitfield.of(b.toBitSet(), 10));
    }

    @Test
    public void requestPieceCancel() throws Exception {
        exact("0000000d 06 00000002 00004000 00004000", new Request(2, 16384, 16384));
        exact("0000000d 08 00000002 00004000 00004000", new Cancel(2, 16384, 16384));
        exact("0000000c 07 00000003 00000000 616263", new Piece(3, 0, "abc".getBytes()));
    }

    @Test
    public void extended() throws Exception {
        exact("00000004 14 03 6869", new Extended(3, "hi".getBytes()));
    }

    @Test
    public void extensionHandshakeRoundTrip() throws Exception {
        ExtensionHandshake hs = new ExtensionHandshake(java.util.Map.of("ut_pex", 1), "Debswarm 0.1", 6881, 250);
        Extended m = (Extended) hs.toMessage();
        assertEquals("d1:md6:ut_pexi1ee1:pi6881e4:reqqi250e1:v12:Debswarm 0.1e", new String(m.payload()));
        assertEquals(hs, ExtensionHandshake.parse(m.payload()));
    }

    @Test
    public void extensionHandshakeIgnoresUnknownKeysAndWrongTypes() throws Exception {
        ExtensionHandshake hs = ExtensionHandshake.parse("d1:md1:xi300e1:yi2ee1:p3:abc5:yourl4:\0\0\0\0e".getBytes());
        assertEquals(java.util.Map.of("y", 2), hs.extensions());
        assertEquals(0, hs.port());
        assertEquals("", hs.client());
    }

    @Test
    public void bitfieldMayFollowTheExtensionHandshake() throws Exception {
        byte[] ext = bytes(new ExtensionHandshake(java.util.Map.of(), "x", 0, 0).toMessage());
        byte[] bitfield = hex("00000003 05 8000");
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(hex("00000000"));
        both.write(ext);
        both.write(bitfield);
        List<Message> messages = decode(both.toByteArray());
        assertEquals(3, messages.size());
        assertTrue(messages.get(2) instanceof Bitfield);
    }

    @Test
    public void aLateBitfieldIsFramedAsAnyOtherMessage() throws Exception {
        // where a bitfield may come is the swarm's to judge (aria2 sends one in place of many haves)
        assertEquals(List.of(Interested.INSTANCE, new Bitfield(hex("8000"))),
                decode(hex("00000001 02 00000003 05 8000")));
    }

    @Test
    public void severalMessagesInOneRead() throws Exception {
        List<Message> m = decode(hex("00000003 05 ffc0 00000001 01 00000005 04 00000001 00000000"));
        assertEquals(List.of(new Bitfield(hex("ffc0")), Unchoke.INSTANCE, new Have(1), KeepAlive.INSTANCE), m);
    }

    @Test
    public void handshake() throws Exception {
        byte[] info = hex("0123456789abcdef0123456789abcdef01234567");
        byte[] id = "-DS0100-abcdefghijkl".getBytes();
        Handshake hs = Handshake.of(org.debswarm.torrent.InfoHash.of(info), id);
        byte[] wire = new byte[68];
        hs.toBuffer().get(wire);
        assertEquals("13" + hex("BitTorrent protocol".getBytes()) + "0000000000100000" + hex(info) + hex(id),
                hex(wire));
        assertEquals(hs, handshake(wire, wire.length));
        assertTrue(hs.supportsExtensions());
        for (int n = 0; n < 68; n++) {
            assertEquals("cut at " + n, null, handshake(wire, n));
        }
        assertArrayEquals(id, handshake(wire, 68).peerId());
    }

    /** The handshake read from the first {@code n} bytes, or null if the decoder needs more. */
    private static Handshake handshake(byte[] wire, int n) throws PeerWireException {
        Handshake[] out = new Handshake[1];
        int used = Handshake.decode(java.nio.ByteBuffer.wrap(wire, 0, n), out);
        assertEquals(used == 0 ? null : Handshake.LENGTH, used == 0 ? null : used);
        return out[0];
    }

    @Test
    public void aPieceIsToldAsAReadOnlyViewOfTheReadBufferNotACopy() throws Exception {
        byte[] data = hex("0000000c 07 00000003 00000000 616263");
        ByteBuffer in = ByteBuffer.wrap(data);
        ByteBuffer[] told = new ByteBuffer[1];
        WireFeed.Values handler = new WireFeed.Values(10) {
            private static final long serialVersionUID = 1L;

            @Override
            public void piece(int piece, int begin, ByteBuffer block) {
                told[0] = block;
            }
        };
        assertEquals(data.length, new MessageDecoder(WireFeed.LIMITS).decode(in, handler));
        assertTrue("read-only", told[0].isReadOnly());
        assertEquals(3, told[0].remaining());
        data[data.length - 1] = 'z';
        assertEquals("a view: the read buffer's byte, changed after the call", 'z',
                told[0].get(told[0].position() + 2));
        assertEquals("the decoder leaves the position alone", 0, in.position());
        assertEquals("nothing recorded but through piece()", 0, handler.size());
    }
}
