package org.debswarm.peerwire.internal.swarm;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.InetSocketAddress;

import org.debswarm.peerwire.internal.swarm.BanList.Strike;
import org.junit.Test;

/** Strikes per endpoint; a ban is new once per peer id, whatever endpoint or torrent it comes through. */
public class BanListTest {

    private static final InetSocketAddress INCOMING = new InetSocketAddress("127.0.0.1", 50001);
    private static final InetSocketAddress LISTENING = new InetSocketAddress("127.0.0.1", 6881);

    @Test
    public void theStrikeThatReachesTheLimitBansOnceAndLaterOnesFindItBanned() {
        BanList bans = new BanList(2);
        byte[] id = id(1);
        assertEquals(Strike.COUNTED, bans.strike(INCOMING, id));
        assertFalse(bans.isBanned(INCOMING));
        assertEquals(Strike.BANNED, bans.strike(INCOMING, id));
        assertEquals(Strike.ALREADY_BANNED, bans.strike(INCOMING, id));
        assertTrue(bans.isBanned(INCOMING));
        assertTrue(bans.isBanned(id));
        assertTrue(Strike.BANNED.banned() && Strike.ALREADY_BANNED.banned() && !Strike.COUNTED.banned());
    }

    @Test
    public void thePeerIdBannedThroughOneEndpointIsNotANewBanThroughAnother() {
        BanList bans = new BanList(1);
        assertEquals(Strike.BANNED, bans.strike(INCOMING, id(1)));
        assertEquals("its other connection, to its listening port", Strike.ALREADY_BANNED,
                bans.strike(LISTENING, id(1)));
        assertTrue(bans.isBanned(LISTENING));
        assertEquals("endpoints banned", 2, bans.size());
    }

    private static byte[] id(int n) {
        byte[] id = new byte[20];
        id[19] = (byte) n;
        return id;
    }
}
