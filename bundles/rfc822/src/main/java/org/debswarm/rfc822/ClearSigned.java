package org.debswarm.rfc822;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * A cleartext-signed document such as {@code InRelease}, split into the text that was signed and the
 * ASCII-armored signature that covers it (<a href="https://www.rfc-editor.org/rfc/rfc4880#section-7">RFC
 * 4880 section 7</a>). The signature is not verified here; it is kept so that a verifier can check it
 * later. Immutable.
 *
 * <p>{@link #signedText()} is the text as the signature covers it: dash-escaping undone, trailing
 * spaces and tabs removed from every line, lines joined by LF, and without the line ending that
 * precedes {@code -----BEGIN PGP SIGNATURE-----}. A verifier converts LF to CR LF and checks the
 * signature (type 0x01, canonical text) over exactly those bytes.
 */
public final class ClearSigned {

    private final byte[] signedText;
    private final String signatureArmor;
    private final String hashAlgorithm;

    /**
     * @param signedText     the signed text as described in the class comment (copied)
     * @param signatureArmor the armored signature from {@code -----BEGIN PGP SIGNATURE-----} through
     *                       {@code -----END PGP SIGNATURE-----}, LF line endings
     * @param hashAlgorithm  the {@code Hash} armor header value(s), comma-separated, or null if absent
     */
    public ClearSigned(byte[] signedText, String signatureArmor, String hashAlgorithm) {
        this.signedText = signedText.clone();
        this.signatureArmor = Objects.requireNonNull(signatureArmor, "signatureArmor");
        this.hashAlgorithm = hashAlgorithm;
    }

    /** A copy of the signed text (see the class comment for its exact form). */
    public byte[] signedText() {
        return signedText.clone();
    }

    /** The signed text as a stream, for example to hand to {@link ControlParser#release(InputStream)}. */
    public InputStream signedTextStream() {
        return new ByteArrayInputStream(signedText);
    }

    /** The signature block, {@code -----BEGIN PGP SIGNATURE-----} to {@code -----END PGP SIGNATURE-----\n}. */
    public String signatureArmor() {
        return signatureArmor;
    }

    /**
     * The digest algorithm(s) named by the {@code Hash:} armor header, for example {@code SHA256}
     * (several are joined by commas), or null if the header is absent (RFC 4880 then implies MD5).
     */
    public String hashAlgorithm() {
        return hashAlgorithm;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ClearSigned)) {
            return false;
        }
        ClearSigned other = (ClearSigned) o;
        return Arrays.equals(signedText, other.signedText) && signatureArmor.equals(other.signatureArmor)
                && Objects.equals(hashAlgorithm, other.hashAlgorithm);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signedText) * 31 + signatureArmor.hashCode();
    }

    @Override
    public String toString() {
        return "ClearSigned[" + signedText.length + " bytes signed, Hash " + hashAlgorithm + "]";
    }
}
