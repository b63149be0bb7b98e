package org.debswarm.itests.apt;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throwaway certificate authority made with the JDK's {@code keytool}, and server certificates for
 * 127.0.0.1: signed by it, or self-signed (a certificate nobody trusts). Trusted only where a test configures it.
 */
final class TestCa {

    private static final String PASS = "changeit";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final Path dir;
    private final Path caStore;
    /** The CA's certificate in PEM, for the governor's {@code trustedCertificates}. */
    final Path caPem;

    private TestCa(Path dir) {
        this.dir = dir;
        this.caStore = dir.resolve("ca.p12");
        this.caPem = dir.resolve("ca.pem");
    }

    static TestCa create(Path dir) throws Exception {
        TestCa ca = new TestCa(Files.createDirectories(dir));
        ca.keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=Debswarm Test CA", "-ext", "bc:c",
                "-validity", "2", "-keystore", ca.caStore.toString());
        ca.keytool("-exportcert", "-rfc", "-alias", "ca", "-file", ca.caPem.toString(), "-keystore", ca.caStore.toString());
        return ca;
    }

    /** @return a server context whose certificate for 127.0.0.1 this CA signed */
    SSLContext signedServer(String name) throws Exception {
        Path store = serverKey(name);
        Path csr = dir.resolve(name + ".csr");
        Path pem = dir.resolve(name + ".pem");
        keytool("-certreq", "-alias", "server", "-file", csr.toString(), "-keystore", store.toString());
        keytool("-gencert", "-alias", "ca", "-infile", csr.toString(), "-outfile", pem.toString(), "-rfc",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-keystore", caStore.toString());
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore", store.toString());
        keytool("-importcert", "-alias", "server", "-file", pem.toString(), "-keystore", store.toString());
        return context(store);
    }

    /** @return a server context with a self-signed certificate for 127.0.0.1, which no one trusts */
    SSLContext selfSignedServer(String name) throws Exception {
        return context(serverKey(name));
    }

    private Path serverKey(String name) throws Exception {
        Path store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
                "-validity", "2", "-keystore", store.toString());
        return store;
    }

    private static SSLContext context(Path store) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASS.toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, PASS.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    private void keytool(String... args) throws Exception {
        String[] command = new String[args.length + 5];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        command[args.length + 1] = "-storepass";
        command[args.length + 2] = PASS;
        command[args.length + 3] = "-storetype";
        command[args.length + 4] = "PKCS12";
        Tools.Result result = Tools.run(DEADLINE, command);
        if (!result.ok()) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + result.output());
        }
    }
}
