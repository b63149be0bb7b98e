package org.debswarm.webconsole.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Locale;
import java.util.function.Function;

/**
 * HTTP basic authentication with the Web Console's own credentials, for endpoints outside the console's
 * servlet context (the cache API). The user name and password are those the console checks: its
 * configuration (PID {@value #CONSOLE_PID}, properties {@code username} and {@code password}) when set, else
 * the framework properties {@code felix.webconsole.username} and {@code felix.webconsole.password} the
 * launcher sets. Passwords may be stored as the console stores them: {@code {sha-256}<salt>-<iterations>-<base64>}
 * (SHA-256 applied {@code iterations} times to salt + password), {@code {<algorithm>}<base64 digest>}, or plain.
 * Without a known password every request is refused (never the console's built-in admin/admin).
 */
final class ConsoleLogin {

    static final String CONSOLE_PID = "org.apache.felix.webconsole.internal.servlet.OsgiManager";

    private final Function<String, String> frameworkProperty;
    private final java.util.function.Supplier<Dictionary<String, ?>> consoleConfiguration;

    /**
     * @param frameworkProperty    reads a framework property (null when unset)
     * @param consoleConfiguration the console's configuration properties, null when it has none
     */
    ConsoleLogin(Function<String, String> frameworkProperty,
            java.util.function.Supplier<Dictionary<String, ?>> consoleConfiguration) {
        this.frameworkProperty = frameworkProperty;
        this.consoleConfiguration = consoleConfiguration;
    }

    /** @param authorization the request's {@code Authorization} header, may be null */
    boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String user = setting("username", "felix.webconsole.username");
        String stored = setting("password", "felix.webconsole.password");
        if (user == null || stored == null || stored.isEmpty()) {
            return false;
        }
        boolean userMatches = same(user.getBytes(StandardCharsets.UTF_8),
                decoded.substring(0, colon).getBytes(StandardCharsets.UTF_8));
        return matches(stored, decoded.substring(colon + 1)) && userMatches;
    }

    private String setting(String consoleKey, String frameworkKey) {
        Dictionary<String, ?> config = consoleConfiguration.get();
        Object configured = config == null ? null : config.get(consoleKey);
        if (configured != null && !configured.toString().isEmpty()) {
            return configured.toString();
        }
        return frameworkProperty.apply(frameworkKey);
    }

    static boolean matches(String stored, String password) {
        if (!stored.startsWith("{") || stored.indexOf('}') < 0) {
            return same(stored.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
        }
        String algorithm = stored.substring(1, stored.indexOf('}')).toUpperCase(Locale.ROOT);
        String rest = stored.substring(stored.indexOf('}') + 1);
        String[] parts = rest.split("-", 3);
        try {
            if (parts.length == 3) {
                byte[] digest = (parts[0] + password).getBytes(StandardCharsets.UTF_8);
                int iterations = Integer.parseInt(parts[1]);
                if (iterations < 1 || iterations > 1_000_000) {
                    return false;
                }
                for (int i = 0; i < iterations; i++) {
                    digest = MessageDigest.getInstance(algorithm).digest(digest);
                }
                return same(Base64.getDecoder().decode(parts[2]), digest);
            }
            byte[] digest = MessageDigest.getInstance(algorithm).digest(password.getBytes(StandardCharsets.UTF_8));
            return same(Base64.getDecoder().decode(rest), digest);
        } catch (NoSuchAlgorithmException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean same(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
