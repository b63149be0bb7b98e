package org.debswarm.aptlistener.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.debswarm.rfc822.ClearSigned;

/**
 * Checks the OpenPGP signature of a Release file as apt's gpgv method does: good when at least one signature
 * by a trusted key verifies and none by a trusted key fails. Signatures by unknown keys are ignored (Debian
 * signs with several keys); a signature with a weak digest (MD5, SHA-1, RIPEMD-160), by a revoked key or by a
 * key expired when it signed does not count as good. A pure function of its inputs; the key ring is the
 * mirror's ({@link TrustedKeys}).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc4880#section-5.2.4">RFC 4880 5.2.4 (computing signatures)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc4880#section-7">RFC 4880 7 (cleartext signatures)</a>
 */
final class SignatureCheck {

    /** A detached signature file larger than this is refused (a real Release.gpg: under 2 KB). */
    static final int MAX_SIGNATURE_BYTES = 1 << 20;

    /** What a check found: whether the release may be trusted, and why, for the log. */
    record Verdict(boolean good, String detail) {
        static Verdict bad(String detail) {
            return new Verdict(false, detail);
        }
    }

    private SignatureCheck() {
    }

    /** Checks an InRelease: canonical-text signatures over its signed text with CR LF line endings. */
    static Verdict clearSigned(ClearSigned document, KeyRing keys) {
        byte[] text = crlf(document.signedText());
        return check(document.signatureArmor().getBytes(StandardCharsets.US_ASCII), text, text, keys);
    }

    /** Checks a Release against its detached Release.gpg (armored or binary). */
    static Verdict detached(byte[] release, byte[] signature, KeyRing keys) {
        if (signature.length > MAX_SIGNATURE_BYTES) {
            return Verdict.bad("signature file of " + signature.length + " bytes (expected: <= " + MAX_SIGNATURE_BYTES + ")");
        }
        return check(signature, release, crlf(release), keys);
    }

    private static Verdict check(byte[] signatureBytes, byte[] binary, byte[] text, KeyRing keys) {
        List<PGPSignature> signatures;
        try {
            signatures = signatures(signatureBytes);
        } catch (IOException | RuntimeException e) {
            return Verdict.bad("the signature cannot be read: " + e.getMessage());
        }
        if (signatures.isEmpty()) {
            return Verdict.bad("no signature");
        }
        List<String> good = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (PGPSignature signature : signatures) {
            String id = keyId(signature.getKeyID());
            Optional<PGPPublicKey> key = keys.key(signature.getKeyID());
            if (key.isEmpty()) {
                ignored.add(id + " unknown key");
                continue;
            }
            Optional<String> unusable = unusable(signature, key.get());
            if (unusable.isPresent()) {
                ignored.add(id + " " + unusable.get());
                continue;
            }
            byte[] data = signature.getSignatureType() == PGPSignature.CANONICAL_TEXT_DOCUMENT ? text : binary;
            if (!verifies(signature, key.get(), data)) {
                return Verdict.bad("BAD signature by key " + id);
            }
            good.add(id);
        }
        return good.isEmpty() ? Verdict.bad("no good signature by a trusted key (" + String.join(", ", ignored) + ")")
                : new Verdict(true, "good signature by key " + String.join(", ", good));
    }

    private static Optional<String> unusable(PGPSignature signature, PGPPublicKey key) {
        int type = signature.getSignatureType();
        if (type != PGPSignature.BINARY_DOCUMENT && type != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
            return Optional.of("signature type " + type + " (expected: a document signature)");
        }
        int hash = signature.getHashAlgorithm();
        if (hash == HashAlgorithmTags.MD5 || hash == HashAlgorithmTags.SHA1 || hash == HashAlgorithmTags.RIPEMD160) {
            return Optional.of("weak digest algorithm " + hash);
        }
        if (key.hasRevocation()) {
            return Optional.of("revoked key");
        }
        Instant created = signature.getCreationTime().toInstant();
        long valid = key.getValidSeconds();
        if (valid > 0 && created.isAfter(key.getCreationTime().toInstant().plusSeconds(valid))) {
            return Optional.of("key expired before it signed");
        }
        return Optional.empty();
    }

    private static boolean verifies(PGPSignature signature, PGPPublicKey key, byte[] data) {
        try {
            signature.init(new BcPGPContentVerifierBuilderProvider(), key);
            signature.update(data);
            return signature.verify();
        } catch (PGPException | RuntimeException e) {
            return false;
        }
    }

    private static List<PGPSignature> signatures(byte[] bytes) throws IOException {
        List<PGPSignature> all = new ArrayList<>();
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
            BcPGPObjectFactory objects = new BcPGPObjectFactory(in);
            for (Object o = objects.nextObject(); o != null; o = objects.nextObject()) {
                if (!(o instanceof PGPSignatureList list)) {
                    throw new IOException("unexpected " + o.getClass().getSimpleName() + " (expected: signatures)");
                }
                list.forEach(all::add);
            }
        }
        return all;
    }

    /** LF line endings to CR LF (a CR already before an LF is kept single), as canonical text requires. */
    static byte[] crlf(byte[] text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + text.length / 40 + 16);
        for (int i = 0; i < text.length; i++) {
            if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(text[i]);
        }
        return out.toByteArray();
    }

    private static String keyId(long id) {
        return HexFormat.of().withUpperCase().formatHex(java.nio.ByteBuffer.allocate(8).putLong(id).array());
    }
}
