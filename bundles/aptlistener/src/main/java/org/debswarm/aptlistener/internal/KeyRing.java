package org.debswarm.aptlistener.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenPGP public keys a mirror's Release files may be signed by: every key ring in the given files, and
 * in every {@code *.gpg} and {@code *.asc} file of the given folders (as {@code /usr/share/keyrings} and
 * {@code /etc/apt/keyrings} hold them: binary key rings or ASCII armor). A file that cannot be read or is not
 * a key ring is skipped with a warning: one broken file must not leave a mirror without any trusted key.
 * Immutable.
 */
final class KeyRing {

    /** Larger than any real key ring (Debian's whole archive keyring: 56 KB). */
    static final long MAX_FILE_BYTES = 16L << 20;

    private static final Logger LOG = LoggerFactory.getLogger(KeyRing.class);

    private final List<PGPPublicKeyRing> rings;
    private final String description;

    private KeyRing(List<PGPPublicKeyRing> rings, String description) {
        this.rings = List.copyOf(rings);
        this.description = description;
    }

    /** @return the keys of every readable key ring in these files and folders (missing ones are skipped) */
    static KeyRing load(Collection<Path> locations) {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        for (Path location : locations) {
            for (Path file : files(location)) {
                try {
                    rings.addAll(read(file));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Skipping key ring {}: {}", file, e.toString());
                }
            }
        }
        return new KeyRing(rings, rings.size() + " key rings from " + locations);
    }

    /** @return the keys of key rings already read (tests) */
    static KeyRing of(List<PGPPublicKeyRing> rings) {
        return new KeyRing(rings, rings.size() + " key rings");
    }

    private static List<Path> files(Path location) {
        if (Files.isRegularFile(location)) {
            return List.of(location);
        }
        if (!Files.isDirectory(location)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(location)) {
            return files.filter(f -> f.toString().endsWith(".gpg") || f.toString().endsWith(".asc"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            LOG.warn("Cannot list key rings in {}: {}", location, e.toString());
            return List.of();
        }
    }

    /** @return the public key rings of one file, binary or armored */
    static List<PGPPublicKeyRing> read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IOException("key ring of " + size + " bytes (expected: <= " + MAX_FILE_BYTES + ")");
        }
        try (InputStream in = PGPUtil.getDecoderStream(Files.newInputStream(file))) {
            return read(in);
        }
    }

    static List<PGPPublicKeyRing> read(InputStream decoded) throws IOException {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        BcPGPObjectFactory objects = new BcPGPObjectFactory(decoded);
        for (Object o = objects.nextObject(); o != null; o = objects.nextObject()) {
            if (o instanceof PGPPublicKeyRing ring) {
                rings.add(ring);
            }
        }
        return rings;
    }

    /** @return the key (primary or subkey) with this id, if any ring holds it */
    Optional<PGPPublicKey> key(long keyId) {
        for (PGPPublicKeyRing ring : rings) {
            PGPPublicKey key = ring.getPublicKey(keyId);
            if (key != null) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** @return whether there is no key at all */
    boolean isEmpty() {
        return rings.isEmpty();
    }

    @Override
    public String toString() {
        return description;
    }
}
