package org.debswarm.webconsole.internal;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A random value put in every form of a plugin and required back on every POST, so a page on another site
 * cannot make an administrator's browser submit an action (it cannot read the value). A new one each time
 * the component starts.
 */
final class FormToken {

    static final String PARAMETER = "dswToken";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    FormToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        value = HexFormat.of().formatHex(bytes);
    }

    String value() {
        return value;
    }

    boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.US_ASCII),
                candidate.getBytes(StandardCharsets.US_ASCII));
    }
}
