package org.debswarm.governor.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.net.URI;
import java.time.Duration;

import org.junit.Test;

public class GovernorSettingsTest {

    @Test
    public void theDefaultsAreTheDocumentedOnes() {
        GovernorSettings s = GovernorSettings.from(Configs.of());
        assertEquals(4, s.maxPerHost());
        assertEquals(32, s.maxTotal());
        assertEquals(1024, s.queueCapacity());
        assertEquals(Duration.ofSeconds(10), s.connectTimeout());
        assertEquals(Duration.ofSeconds(30), s.idleTimeout());
        assertEquals(Duration.ofMinutes(30), s.defaultDeadline());
        assertEquals(4, s.maxAttempts());
        assertEquals(0, s.mirrorGroups().size());
    }

    @Test
    public void mirrorGroupsMayBeOneCommaSeparatedValue() {
        GovernorSettings s = GovernorSettings.from(Configs.of("mirrorGroups",
                new String[] {"deb.debian.org|ftp.de.debian.org,security.debian.org|ftp.nl.debian.org"}));
        assertEquals(2, s.mirrorGroups().size());
        assertEquals(URI.create("http://ftp.nl.debian.org/x"),
                s.mirrorGroups().candidates(URI.create("http://security.debian.org/x")).get(1));
    }

    @Test
    public void outOfRangeValuesAreRefusedByName() {
        assertMessage("configuration maxConnectionsPerHost=0 (expected: 1 to 256)", "maxConnectionsPerHost", 0);
        assertMessage("configuration maxConnectionsTotal=5000 (expected: 1 to 4096)", "maxConnectionsTotal", 5000);
        assertMessage("configuration queueCapacity=-1 (expected: 0 to 100000)", "queueCapacity", -1);
        assertMessage("configuration idleTimeoutMillis=0 (expected: 1 to 86400000)", "idleTimeoutMillis", 0L);
        assertMessage("configuration maxAttempts=0 (expected: 1 to 20)", "maxAttempts", 0);
        assertMessage("configuration userAgent (expected: 1 to 200 visible ASCII characters)", "userAgent", "a\r\nX: y");
        assertMessage("configuration trustedCertificates: /nonexistent/ca.pem: no such file", "trustedCertificates",
                new String[] {"/nonexistent/ca.pem"});
    }

    @Test
    public void aFileWithoutACertificateIsRefusedByName() throws Exception {
        java.nio.file.Path empty = java.nio.file.Files.createTempFile("empty", ".pem");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GovernorSettings.from(Configs.of("trustedCertificates", new String[] {empty.toString()})));
            assertEquals(true, e.getMessage().startsWith("configuration trustedCertificates: " + empty));
        } finally {
            java.nio.file.Files.delete(empty);
        }
    }

    private static void assertMessage(String message, String key, Object value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GovernorSettings.from(Configs.of(key, value)));
        assertEquals(message, e.getMessage());
    }
}
