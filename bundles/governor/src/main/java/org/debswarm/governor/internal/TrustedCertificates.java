package org.debswarm.governor.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate authorities an https mirror's certificate may chain to: the JDK's default ones, plus those
 * of the configured PEM files (configuration {@code trustedCertificates}), e.g. a company or test CA. Only the
 * governor's own client trusts them, never the whole JVM or the system.
 */
final class TrustedCertificates {

    private TrustedCertificates() {
    }

    /**
     * @param entries PEM files (one or more certificates each)
     * @return the files, each read once here so that a wrong entry fails activation with its name
     */
    static List<X509Certificate> read(String[] entries) {
        List<X509Certificate> out = new ArrayList<>();
        for (String entry : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            Path file = Path.of(entry.trim());
            try (InputStream in = Files.newInputStream(file)) {
                Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509").generateCertificates(in);
                if (read.isEmpty()) {
                    throw new IllegalArgumentException("configuration trustedCertificates: " + file + " holds no certificate");
                }
                read.forEach(c -> out.add((X509Certificate) c));
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("configuration trustedCertificates: " + file + ": no such file", e);
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalArgumentException("configuration trustedCertificates: " + file + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }

    /** @return a trust store of the JDK's default authorities and {@code extra} */
    static KeyStore withDefaults(List<X509Certificate> extra) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int n = 0;
            for (X509Certificate c : defaults()) {
                store.setCertificateEntry("default-" + n++, c);
            }
            for (X509Certificate c : extra) {
                store.setCertificateEntry("configured-" + n++, c);
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the governor's trust store", e);
        }
    }

    private static X509Certificate[] defaults() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager m : factory.getTrustManagers()) {
            if (m instanceof X509TrustManager x) {
                return x.getAcceptedIssuers();
            }
        }
        return new X509Certificate[0];
    }
}
