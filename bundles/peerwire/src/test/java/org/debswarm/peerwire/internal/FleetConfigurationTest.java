package org.debswarm.peerwire.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The typed fleet settings, read as the component reads them: a bad key fails activation, closed. */
public class FleetConfigurationTest {

    @Rule
    public final TemporaryFolder folder = new TemporaryFolder();

    private static PeerWireConfiguration config(Map<String, Object> values) {
        return (PeerWireConfiguration) Proxy.newProxyInstance(FleetConfigurationTest.class.getClassLoader(),
                new Class<?>[] {PeerWireConfiguration.class},
                (proxy, method, args) -> values.getOrDefault(method.getName(), method.getDefaultValue()));
    }

    @Test
    public void defaultsAreDiscoveryOnButNoKey() throws Exception {
        FleetOptions fleet = EngineOptions.from(config(Map.of())).fleet();
        assertTrue(fleet.lsd());
        assertEquals("", fleet.discoveryInterface());
        assertTrue(fleet.key().isEmpty());
        assertFalse(fleet.allowPlainPeers());
    }

    @Test
    public void aKeyFileIsRead() throws Exception {
        Path key = folder.newFile("fleet.key").toPath();
        Files.writeString(key, "MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI=\n");
        FleetOptions fleet = EngineOptions.from(config(Map.of("fleetKeyFile", key.toString(),
                "allowPlainPeers", true))).fleet();
        assertTrue(fleet.key().isPresent());
        assertTrue(fleet.allowPlainPeers());
    }

    @Test
    public void aMissingOrShortKeyFileFailsTheActivation() throws Exception {
        assertThrows(NoSuchFileException.class, () -> EngineOptions.from(config(Map.of("fleetKeyFile",
                folder.getRoot().toPath().resolve("absent.key").toString()))));
        Path shortKey = folder.newFile("short.key").toPath();
        Files.writeString(shortKey, "abc\n");
        IOException e = assertThrows(IOException.class, () -> EngineOptions.from(config(Map.of("fleetKeyFile",
                shortKey.toString()))));
        assertTrue(e.getMessage(), e.getMessage().startsWith("fleet key " + shortKey + " holds 3 bytes"));
    }

    @Test
    public void lanModeFailsClosedWithoutAKeyOrAnAllowlist() {
        IOException e = assertThrows(IOException.class, () -> EngineOptions.from(config(Map.of("lan", "lo"))));
        assertTrue(e.getMessage(), e.getMessage().startsWith("LAN mode (lan=lo) needs a fleet key (fleetKeyFile=) or a"
                + " peer allowlist (peerAllowlist=CIDR,...)"));
    }

    @Test
    public void lanModeBindsToTheLanAddressAndRunsDiscoveryThere() throws Exception {
        Path key = folder.newFile("lan.key").toPath();
        Files.writeString(key, "MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI=\n");
        EngineOptions keyed = EngineOptions.from(config(Map.of("lan", "127.0.0.0/8", "fleetKeyFile", key.toString(),
                "bindAddress", "0.0.0.0")));
        assertEquals("127.0.0.1", keyed.listen().getAddress().getHostAddress());
        assertEquals("lo", keyed.fleet().discoveryInterface());
        assertTrue(keyed.fleet().lsd());
        EngineOptions listed = EngineOptions.from(config(Map.of("lan", "lo", "peerAllowlist",
                new String[] {"127.0.0.0/8"})));
        assertTrue(listed.fleet().admits(InetAddress.getByName("127.0.0.2")));
        assertTrue(!listed.fleet().admits(InetAddress.getByName("10.0.0.1")));
        assertThrows(IOException.class, () -> EngineOptions.from(config(Map.of("peerAllowlist",
                new String[] {"not a range"}))));
    }
}
