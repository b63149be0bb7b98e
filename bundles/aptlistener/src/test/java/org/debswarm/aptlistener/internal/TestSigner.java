package org.debswarm.aptlistener.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;

/** Signs test Release files with the throwaway key of {@code src/test/resources/signatures}, as gpg would. */
final class TestSigner {

    static final Path KEYRING = SignatureCheckTest.FIXTURES.resolve("test-keyring.gpg");

    private final PGPSecretKey key;
    private final PGPPrivateKey privateKey;

    TestSigner() throws IOException {
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(
                SignatureCheckTest.FIXTURES.resolve("test-secret-key.gpg")))) {
            PGPSecretKeyRing ring = (PGPSecretKeyRing) new BcPGPObjectFactory(in).nextObject();
            this.key = ring.getSecretKey();
            this.privateKey = key.extractPrivateKey(null);
        } catch (PGPException e) {
            throw new IOException(e);
        }
    }

    /** @return an InRelease: {@code release} (LF line endings, ending with LF) cleartext-signed */
    byte[] clearSign(String release) throws IOException {
        String text = release.endsWith("\n") ? release.substring(0, release.length() - 1) : release;
        byte[] signature = signature(PGPSignature.CANONICAL_TEXT_DOCUMENT,
                SignatureCheck.crlf(text.getBytes(StandardCharsets.UTF_8)));
        StringBuilder out = new StringBuilder("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n");
        for (String line : text.split("\n", -1)) {
            out.append(line.startsWith("-") ? "- " : "").append(line).append('\n');
        }
        return (out + armor(signature)).getBytes(StandardCharsets.UTF_8);
    }

    /** @return an armored detached signature (Release.gpg) of {@code data} */
    byte[] detach(byte[] data) throws IOException {
        return armor(signature(PGPSignature.BINARY_DOCUMENT, data)).getBytes(StandardCharsets.US_ASCII);
    }

    private byte[] signature(int type, byte[] data) throws IOException {
        try {
            PGPSignatureGenerator generator = new PGPSignatureGenerator(
                    new BcPGPContentSignerBuilder(key.getPublicKey().getAlgorithm(), HashAlgorithmTags.SHA256),
                    key.getPublicKey());
            generator.init(type, privateKey);
            generator.update(data);
            return generator.generate().getEncoded();
        } catch (PGPException e) {
            throw new IOException(e);
        }
    }

    private static String armor(byte[] signature) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream armor = new ArmoredOutputStream(bytes)) {
            armor.write(signature);
        }
        return bytes.toString(StandardCharsets.US_ASCII).replace("\r\n", "\n");
    }
}
