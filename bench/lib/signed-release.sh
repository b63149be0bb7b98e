# Sourced by the bench scripts. signed_release DISTS ARCH KEYRING WORK: writes DISTS/Release (suite "bench",
# component main, the SHA-256 of main/binary-ARCH/Packages and Packages.xz) and DISTS/InRelease signed by a
# throwaway ed25519 key made in WORK/gnupg, whose public keyring goes to KEYRING. A node stores (and shares)
# only the packages of a Release it verifies: the bench trusts KEYRING for its mirror (mirrorKeyrings).
signed_release() {
  local dists="$1" arch="$2" keyring="$3" work="$4" f
  {
    printf 'Origin: Debswarm bench\nSuite: bench\nCodename: bench\nDate: %s\nArchitectures: %s\nComponents: main\nSHA256:\n' \
      "$(LC_ALL=C date -u '+%a, %d %b %Y %H:%M:%S UTC')" "$arch"
    for f in "main/binary-$arch/Packages" "main/binary-$arch/Packages.xz"; do
      printf ' %s %s %s\n' "$(sha256sum "$dists/$f" | cut -d' ' -f1)" "$(stat -c %s "$dists/$f")" "$f"
    done
  } > "$dists/Release"
  export GNUPGHOME="$work/gnupg"
  mkdir -m 700 "$GNUPGHOME"
  gpg -q --batch --pinentry-mode loopback --passphrase '' --quick-gen-key 'Debswarm bench <bench@debswarm.invalid>' ed25519 sign never
  gpg -q --batch --yes --pinentry-mode loopback --passphrase '' --clearsign --digest-algo SHA256 -o "$dists/InRelease" "$dists/Release"
  gpg -q --batch --yes -o "$keyring" --export
  gpgconf --kill all
}
