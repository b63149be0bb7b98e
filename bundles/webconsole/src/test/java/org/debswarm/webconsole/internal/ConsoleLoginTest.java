package org.debswarm.webconsole.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.junit.Test;

/** The cache API's login checks the console's own credentials, in each form the console stores a password. */
public class ConsoleLoginTest {

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String salted(String salt, int iterations, String password) throws Exception {
        byte[] bytes = (salt + password).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < iterations; i++) {
            bytes = MessageDigest.getInstance("SHA-256").digest(bytes);
        }
        return "{sha-256}" + salt + "-" + iterations + "-" + Base64.getEncoder().encodeToString(bytes);
    }

    @Test
    public void theLaunchersSaltedHashIsChecked() throws Exception {
        Map<String, String> framework = Map.of("felix.webconsole.username", "admin",
                "felix.webconsole.password", salted("0011aabb", 1000, "s3cret"));
        ConsoleLogin login = new ConsoleLogin(framework::get, () -> null);
        assertTrue(login.accepts(basic("admin", "s3cret")));
        assertFalse(login.accepts(basic("admin", "admin")));
        assertFalse(login.accepts(basic("root", "s3cret")));
        assertFalse(login.accepts(null));
        assertFalse(login.accepts("Basic !!!"));
        assertFalse(login.accepts("Bearer x"));
        assertFalse(login.accepts("Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes())));
    }

    @Test
    public void theConsolesOwnConfigurationWinsAndUnsaltedAndPlainPasswordsWork() throws Exception {
        Map<String, String> framework = Map.of("felix.webconsole.username", "admin",
                "felix.webconsole.password", salted("00", 10, "old"));
        Dictionary<String, Object> config = new Hashtable<>();
        config.put("username", "boss");
        config.put("password", "{sha-256}" + Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest("new".getBytes(StandardCharsets.UTF_8))));
        ConsoleLogin login = new ConsoleLogin(framework::get, () -> config);
        assertTrue(login.accepts(basic("boss", "new")));
        assertFalse(login.accepts(basic("admin", "old")));
        config.put("password", "plain");
        assertTrue(login.accepts(basic("boss", "plain")));
    }

    @Test
    public void withoutAKnownPasswordEverythingIsRefused() {
        ConsoleLogin login = new ConsoleLogin(k -> null, () -> null);
        assertFalse("never the console's built-in admin/admin", login.accepts(basic("admin", "admin")));
    }
}
