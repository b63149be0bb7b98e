package org.debswarm.webconsole.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class StatusServletTest {

    @Test
    public void everyFigureIsNullWhileItsServiceIsAbsent() {
        assertEquals("{\"ready\":false,\"waitingFor\":\"the readiness service\",\"connectedPeers\":null,"
                + "\"torrents\":null,\"fromPeersBytes\":null,\"fromMirrorsBytes\":null,\"peerShare\":null,"
                + "\"storeUsedBytes\":null,\"storeFiles\":null,\"storeLimitBytes\":null}",
                new StatusServlet(null, null, null).render());
    }
}
