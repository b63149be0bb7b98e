package org.debswarm.health.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import org.junit.Test;

public class AptProxyTest {

    @Test
    public void theProxyIsTheAptInstancesFirstEndpoint() {
        assertEquals("http://127.0.0.1:9988", Endpoints.proxyAddress("http://127.0.0.1:9988/"));
        assertEquals("http://10.0.0.5:9988", Endpoints.proxyAddress(new String[] {"http://10.0.0.5:9988/", "x"}));
    }

    @Test
    public void aWildcardEndpointIsReachedOnLoopback() {
        assertEquals("http://127.0.0.1:9988", Endpoints.proxyAddress("http://0.0.0.0:9988/"));
    }

    @Test
    public void noEndpointIsNoProxy() {
        assertNull(Endpoints.proxyAddress(null));
        assertNull(Endpoints.proxyAddress(new String[0]));
        assertNull(Endpoints.proxyAddress(" "));
    }

    @Test
    public void onlyHttpUrisHaveAnAuthorityToProxy() {
        assertEquals("deb.debian.org", AptProxyServlet.authority("http://deb.debian.org/debian/dists/x/InRelease"));
        assertEquals("mirror:8080", AptProxyServlet.authority("http://mirror:8080/debian"));
        assertNull(AptProxyServlet.authority("https://deb.debian.org/debian"));
        assertNull(AptProxyServlet.authority("not a uri"));
        assertNull(AptProxyServlet.authority(null));
    }

    @Test
    public void authoritiesCompareAsTheAptListenerComparesThem() {
        assertEquals("deb.debian.org", AllowedMirrors.normalize("Deb.Debian.org:80"));
        assertEquals("mirror:8080", AllowedMirrors.normalize("mirror:8080"));
    }
}
